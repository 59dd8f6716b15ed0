/**
 * Size limits applied to what inventory agents send. The HTTP layer should also cap the raw body
 * (Fastify `bodyLimit`) at `maxBodyBytes`, so nothing larger is even buffered.
 *
 * Real figures, for scale: the largest official GLPI example (3,033 packages) is 1.4 MB of JSON;
 * a FusionInventory XML of a Debian machine with 863 packages is 240 KB, 18 KB once zlib-compressed.
 * Parsing (parse-xml.ts, one SAX pass) keeps about 3 times the document in memory: a 16 MiB XML
 * inventory (61,000 packages) takes 1.3 s and 46 MB of heap on a busy shared core. 16 MiB is ten
 * times the largest real inventory seen, and keeps one hostile but well-formed document from
 * taking the server's memory.
 */
export interface InventoryLimits {
  /** Largest body accepted as received on the wire (compressed or not). */
  maxBodyBytes: number;
  /** Largest document once decompressed; inflating stops (413) as soon as it would grow past it. */
  maxDecodedBytes: number;
  /** Deepest element nesting accepted in XML (an inventory needs about 8 levels). */
  maxXmlDepth: number;
}

const MiB = 1024 * 1024;

export const defaultInventoryLimits: InventoryLimits = {
  maxBodyBytes: 16 * MiB,
  maxDecodedBytes: 16 * MiB,
  maxXmlDepth: 32,
};

export function withDefaultLimits(limits: Partial<InventoryLimits> = {}): InventoryLimits {
  return { ...defaultInventoryLimits, ...limits };
}
