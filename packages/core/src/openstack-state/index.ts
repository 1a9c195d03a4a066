/** Reading a running OpenStack cloud's Placement and Nova API responses. */
export {
  parsePlacementInventories,
  parsePlacementUsages,
  parseResourceProviders,
  placementCapacity,
  providerCapacities,
  type PlacementRcInventory,
  type PlacementInventories,
  type ResourceProvider,
  type ResourceClassCapacity,
} from './placement.js';
export { parseHypervisorsDetail, parseFlavors, hypervisorInventories, NOVA_DEFAULTS, type Hypervisor, type NovaFlavor, type NovaHostOptions } from './nova.js';
export { openstackBaseline, type OpenstackBaseline, type OpenstackFile } from './baseline.js';
export { readProviderTrees, rootOf, type ProviderTrees, type TreeProvider, type NovaAggregate } from './provider-tree.js';
export { treeBaseline, type TreeBaseline } from './tree-baseline.js';
