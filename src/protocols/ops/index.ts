// Public surface of the OPS envelope codec (OpenSRS XML API, ops.dtd).
// See opsTypes.ts for the data model and opsDecode.ts for the accepted grammar.
export { decodeOps } from './opsDecode.ts';
export { encodeOps } from './opsEncode.ts';
export { OpsDecodeError, OpsEncodeError } from './opsErrors.ts';
export {
  OPS_DEFAULT_VERSION,
  OPS_MAX_DEPTH,
  OPS_VERSIONS,
  OpsClassed,
  getItem,
  getString,
  isArray,
  isAssoc,
  isClassed,
  makeAssoc,
  unclass,
  type OpsArray,
  type OpsAssoc,
  type OpsHeader,
  type OpsItem,
  type OpsMessage,
  type OpsValue,
} from './opsTypes.ts';
