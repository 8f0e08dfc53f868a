import { invalid } from './failures.ts';

/**
 * NATS-style subjects: tokens separated by '.', no whitespace. A filter may use '*' for exactly one
 * token and a final '>' for one or more trailing tokens.
 */
const TOKEN = /^[^\s.*>]+$/;

/** The last subject found valid: a source publishes to the same one again and again. */
let lastValid = '';

export function checkPublishSubject(subject: string): void {
  if (subject === lastValid && subject !== '') return;
  if (typeof subject !== 'string' || subject === '' || !subject.split('.').every((t) => TOKEN.test(t))) {
    throw invalid('BUS_SUBJECT_INVALID', `cannot publish to subject "${subject}": use dot-separated tokens without whitespace, '*' or '>'`);
  }
  lastValid = subject;
}

export function checkFilterSubject(subject: string): void {
  const tokens = typeof subject === 'string' && subject !== '' ? subject.split('.') : [''];
  const ok = tokens.every((t, i) => TOKEN.test(t) || t === '*' || (t === '>' && i === tokens.length - 1));
  if (!ok) {
    throw invalid('BUS_SUBJECT_INVALID', `cannot consume subject "${subject}": use dot-separated tokens, '*' for one token, '>' only as the last token`);
  }
}

export type SubjectMatcher = (subject: string) => boolean;

export function subjectMatcher(filter: string): SubjectMatcher {
  if (!filter.includes('*') && !filter.includes('>')) return (s) => s === filter;
  const want = filter.split('.');
  return (subject) => {
    const got = subject.split('.');
    for (let i = 0; i < want.length; i++) {
      const w = want[i];
      if (w === '>') return got.length > i;
      const g = got[i];
      if (g === undefined || (w !== '*' && w !== g)) return false;
    }
    return got.length === want.length;
  };
}
