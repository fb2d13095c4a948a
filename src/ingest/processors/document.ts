// A pipeline as a document a data team keeps in git: YAML or JSON, `processors:` a list of ODS
// processor bodies (type, label, parameters; no uids). Reading checks every processor and names the
// one that is wrong by its position. Parsing and writing YAML is the `yaml` library's.
import { parse, stringify } from 'yaml';
import { AgoraError, isAgoraError } from '../../core/errors.ts';
import { isPlainObject } from '../../core/types.ts';
import { parseProcessor, processorBody } from './params.ts';
import type { ProcessorConfig } from './types.ts';

export type DocumentFormat = 'json' | 'yaml';

export function pipelineDocument(configs: readonly ProcessorConfig[], format: DocumentFormat): string {
  const doc = { processors: configs.map((c) => { const { uid: _uid, ...rest } = processorBody(c); return rest; }) };
  return format === 'yaml' ? stringify(doc) : JSON.stringify(doc, null, 2) + '\n';
}

/** The processors of a document (text in YAML or JSON, or an already parsed value); `newUid` names each. */
export function readPipelineDocument(input: unknown, newUid: () => string): ProcessorConfig[] {
  let doc = input;
  if (typeof input === 'string') {
    try {
      doc = parse(input);
    } catch (e) {
      throw new AgoraError('PROCESSOR_INVALID', `Invalid document: not YAML or JSON (${(e as Error).message.split('\n')[0]}).`, { detail: { document: ['not YAML or JSON'] } });
    }
  }
  const list = Array.isArray(doc) ? doc : isPlainObject(doc) ? doc.processors : undefined;
  if (!Array.isArray(list)) {
    throw new AgoraError('PROCESSOR_INVALID', 'Invalid document: expected {"processors": [ … ]} (or a list of processors).', { detail: { processors: ['expected a list'] } });
  }
  return list.map((body, i) => {
    try {
      return parseProcessor(body, newUid());
    } catch (e) {
      if (isAgoraError(e)) e.message = `processors[${i}]: ${e.message}`;
      throw e;
    }
  });
}
