/** The library's error messages, word for word, so that users see what Argo Events would log. */
import { GoError } from './go.ts';

const list = (kinds: readonly string[]): string => `[${kinds.join(' ')}]`;

export const unexpectedToken = (tok: string, index: number): GoError =>
  new GoError(`unexpected token '${tok}' at index ${index}`, ['unexpected']);
export const tokenEmpty = (): GoError => new GoError('invalid token. token string is empty', ['token']);
export const tokenFormat = (tok: string): GoError =>
  new GoError(`invalid token. '${tok}' does not match any token format`, ['token']);
export const expressionFormat = (text: string): GoError =>
  new GoError(`invalid expression. invalid format '${text}'`, ['expression']);
export const expressionEmpty = (): GoError => new GoError('invalid expression. is empty', ['expression']);
export const expressionError = (cause: GoError): GoError =>
  cause.is('expression') ? cause : new GoError(`invalid expression. ${cause.message}`, ['expression']);
export const tokenArgument = (type: string, got: string, expected: readonly string[]): GoError =>
  new GoError(`${type}: invalid token argument. expected ${list(expected)} got [${got}]`, ['token']);
export const tokenError = (type: string, cause: GoError): GoError =>
  cause.is('token') ? cause : new GoError(`${type}: invalid token ${cause.message}`, ['token']);
export const keyNotFound = (type: string, key: string): GoError =>
  new GoError(`${type}: invalid token key '${key}' not found`, ['token']);
export const outOfRange = (type: string): GoError => new GoError(`${type}: invalid token out of range`, ['token']);
/** got is a kind name, or "nil". */
export const badTarget = (type: string, got: string, expected: readonly string[]): GoError =>
  new GoError(`${type}: invalid token target. expected ${list(expected)} got [${got}]`, ['token', 'target']);
export const unexpectedResult = (got: string, expected: readonly string[]): GoError =>
  new GoError(`unexpected expression result. expected ${list(expected)} got [${got}]`, ['result']);
export const badSelector = (selector: string, cause: GoError): GoError =>
  cause.is('selector') ? cause : new GoError(`invalid JSONPath selector '${selector}' ${cause.message}`, ['selector']);

// The script engine's own errors.
export const unsupportedOperator = (): GoError => new GoError('unsupported operator');
export const invalidArgument = (why = ''): GoError => new GoError(`invalid argument${why}`);
