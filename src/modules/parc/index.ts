/** The fleet (parc): what other modules, the demo seed and the CLI may use. */
export { parcModule } from './module.js';
export { parcBackgroundOf } from './jobs/background.js';
export { ingestReport } from './operations/ingest-report.js';
export { recordFamilyDevice, lendForProject, returnProjectLoan, schoolFleetSummary, schoolsFleetSummary, type FamilyDeviceInput, type ProjectLoanInput, type ProjectLoanReturn, type SchoolFleetLine } from './operations/campaign-links.js';
export { seedParcDemo } from './demo/seed-parc-demo.js';
export {
  fleetFiguresByEstablishment,
  fleetFiguresSql,
  wifiCoverageByEstablishment,
  wifiCoverageSql,
  roomsWithoutWifi,
  steeringDevices,
  type FleetFigures,
  type RoomCoverage,
  type UncoveredRoom,
  type SteeringDevice,
  type DeviceSelection,
  type EstablishmentsAsked,
} from './lifecycle/steering-figures.js';
export { recordDeliveredDevices, type DeliveredDevice, type DeliveredDevicesInput } from './operations/record-delivered-devices.js';
export { serialKey } from './operations/deployment-serials.js';
export { receiveStockDevices, type StockDevicesInput } from './operations/stock-devices.js';
export { planDeployments, type DeploymentPlanInput } from './operations/deployment-plans.js';
