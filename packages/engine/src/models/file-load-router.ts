import fs from 'node:fs';
import path from 'node:path';
import type * as TfCore from '@tensorflow/tfjs-core';

/**
 * A tfjs `file://` model loader. Without tfjs-node, tfjs-core has no file handler and Human would
 * fetch its models over HTTP (ml-stack-probe §2, point 3). Reads the graph-model json and its
 * weight shards with fs and returns the ModelArtifacts tfjs-converter expects.
 */
export function registerFileLoadRouter(tf: typeof TfCore): void {
  const router = (url: string | string[]): TfCore.io.IOHandler | null => {
    if (typeof url !== 'string' || !url.startsWith('file://')) return null;
    return { load: async () => loadArtifacts(url.slice('file://'.length)) };
  };
  tf.io.registerLoadRouter(router as Parameters<typeof tf.io.registerLoadRouter>[0]);
}

interface ModelJson {
  modelTopology?: unknown;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  signature?: unknown;
  userDefinedMetadata?: TfCore.io.ModelArtifacts['userDefinedMetadata'];
  weightsManifest: Array<{ paths: string[]; weights: TfCore.io.WeightsManifestEntry[] }>;
}

async function loadArtifacts(jsonPath: string): Promise<TfCore.io.ModelArtifacts> {
  const json = JSON.parse(await fs.promises.readFile(jsonPath, 'utf8')) as ModelJson;
  const specs: TfCore.io.WeightsManifestEntry[] = [];
  const buffers: Buffer[] = [];
  for (const group of json.weightsManifest) {
    for (const shard of group.paths)
      buffers.push(await fs.promises.readFile(path.join(path.dirname(jsonPath), shard)));
    specs.push(...group.weights);
  }
  const all = Buffer.concat(buffers);
  return {
    modelTopology: json.modelTopology as TfCore.io.ModelArtifacts['modelTopology'],
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy ?? null,
    signature: json.signature as TfCore.io.ModelArtifacts['signature'],
    userDefinedMetadata: json.userDefinedMetadata,
    weightSpecs: specs,
    weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer,
  };
}
