import { parseScenario } from './dist/index.js';
const cases = {
 over: `schemaVersion: 1
name: x
openstack:
  allocationRatio: { cpu: 4.0 }
    reserved: { hostMemory: 8 GiB }
  ephemeralStorage: ceph
start: 2027-01
`,
 over2: `schemaVersion: 1
hardware:
  a:
    model: X
      heightRu: 1
    cpu: {}
`,
 under: `schemaVersion: 1
hardware:
  a:
    model: X
   heightRu: 1
    cpu: {}
`,
 flow: `schemaVersion: 1
racks:
  - { name: r1, zone: az1, heightRu: 42
  - { name: r2 }
nodes: []
`,
 flow2: `schemaVersion: 1
openstack:
  allocationRatio: { cpu: 4.0, ram: 1.0
  reserved: { hostMemory: 8 GiB }
start: 2027-01
`,
 seqover: `schemaVersion: 1
nodes:
  - { role: control }
    - { role: compute }
`,
};
for (const [k,t] of Object.entries(cases)) { console.log('==',k); for (const d of parseScenario(t,{fileName:'f'}).diagnostics) console.log(d.code, JSON.stringify(d), d.location.line+':'+d.location.col, d.message); }
