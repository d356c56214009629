/**
 * What the sanitiser lets through in the parts of an edition page that the product adds
 * around the content (correction notice, provenance footer): these elements and
 * attributes, no URL at all.
 */
import type { Options as Schema } from 'rehype-sanitize';

const langDir = ['lang', 'dir'];

export const frameSchema: Schema = {
  tagNames: ['aside', 'footer', 'h2', 'dl', 'dt', 'dd', 'p', 'time', 'bdi'],
  attributes: {
    aside: [['className', 'correction-notice'], ['role', 'note'], 'dataSupersedes', ...langDir],
    footer: [['className', 'edition-provenance'], ...langDir],
    time: ['dateTime', ...langDir],
    '*': langDir,
  },
  protocols: {},
  strip: ['script', 'style'],
  clobber: [],
  required: {},
  ancestors: {},
};
