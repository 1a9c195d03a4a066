/** Round trip with the tools the cloud is built with: Kolla-Ansible, NetBox, Redfish, cephadm. */
export { kollaExport, KOLLA_HOST_GROUPS, type KollaExport, type KollaExportOptions, type KollaHost } from './kolla/export.js';
export {
  importKolla,
  importedNodeGroups,
  rackMismatches,
  namePrefixOf,
  type ImportedNodeGroup,
  type KollaImport,
  type KollaImportInput,
  type KollaInterfaceRead,
} from './kolla/import.js';
export { readAnsibleInventory, expandHostPattern, groupHosts, type AnsibleInventory, type InventoryGroup } from './kolla/inventory.js';
export { replaceScenarioSections, nodeGroupYaml, updateScenarioRacks, type RackUpdate } from './scenario-edit.js';
export { cephadmExport, type CephadmExport, type CephadmOsdSpec } from './cephadm/export.js';
export { readCephadmSpecs, osdCounts, placementHas, type CephadmRead, type CephadmService, type OsdCount } from './cephadm/import.js';
export { cephVolumeSize, matcherBytes, parseSizeFilter, sizeFilterFor, sizeMatches } from './cephadm/filters.js';
export { netboxExport, manufacturerOf, deviceTypeModel, NETBOX_IMPORT_ORDER, type NetboxExport, type NetboxExportOptions, type NetboxObjectType } from './netbox/export.js';
export { readNetbox, netboxNodeGroups, netboxRackUpdates, type NetboxRead, type NetboxRack, type NetboxDevice } from './netbox/import.js';
export { readDeviceType, compareDeviceType, deviceTypeYaml, isModelOf, type DeviceType } from './netbox/devicetype.js';
export { redfishFacts, expandRedfishSystem, looksLikeRedfish, BIOS_VIRTUALIZATION_ATTRIBUTES } from './redfish/import.js';
export { parseJson as parseJsonDocument } from './common.js';
export { driftFindings, type DriftSources } from './drift.js';
