import { invalid } from './failures.ts';

/** One subject token: no whitespace, '.', '*' or '>'. */
const TOKEN = /^[^\s.*>]+$/;

/**
 * The stream captures `<stream>.*.*` (Argo's layout), so a publish subject has exactly three tokens
 * and starts with the stream name. Anything else would find no stream; say so instead of timing out.
 */
export function checkPublishSubject(stream: string, subject: string): void {
  const tokens = typeof subject === 'string' ? subject.split('.') : [];
  if (tokens.length !== 3 || tokens[0] !== stream || !tokens.every((t) => TOKEN.test(t))) {
    throw invalid(
      'BUS_SUBJECT_INVALID',
      `cannot publish to subject "${subject}": the JetStream stream "${stream}" holds subjects ${stream}.<eventSourceName>.<eventName>, ` +
        "and neither name may contain '.', '*', '>' or whitespace",
    );
  }
}

/** A consumer filter: starts with the stream name; '*' for one token, a final '>' for the rest. */
export function checkFilterSubject(stream: string, subject: string): void {
  const tokens = typeof subject === 'string' ? subject.split('.') : [];
  const ok =
    tokens.length >= 2 &&
    tokens[0] === stream &&
    tokens.every((t, i) => TOKEN.test(t) || t === '*' || (t === '>' && i === tokens.length - 1));
  if (!ok) {
    throw invalid('BUS_SUBJECT_INVALID', `cannot consume subject "${subject}": use ${stream}.<eventSourceName>.<eventName>, with '*' for one token or a final '>'`);
  }
}

/**
 * The filter JetStream gets for a consumer subject. The stream holds only three-token subjects, and
 * servers before 2.10 insist a filter be a subset of `<stream>.*.*`, so a final '>' becomes '*' up to
 * three tokens (`default.src.>` filters as `default.src.*`, `default.>` as `default.*.*`): the same
 * messages match. A filter longer than three tokens could never match and is refused.
 */
export function jetstreamFilter(stream: string, subject: string): string {
  checkFilterSubject(stream, subject);
  const tokens = subject.split('.');
  if (tokens[tokens.length - 1] === '>') {
    tokens.pop();
    while (tokens.length < 3) tokens.push('*');
  }
  if (tokens.length !== 3) {
    throw invalid('BUS_SUBJECT_INVALID', `cannot consume subject "${subject}": the stream "${stream}" holds only ${stream}.<eventSourceName>.<eventName>, so it would never match`);
  }
  return tokens.join('.');
}
