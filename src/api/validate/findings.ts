/** Lint findings: what the validator reports, shared by lint, start-up and the controller. */
export type Severity = 'error' | 'warning';

export interface Finding {
  code: string;
  severity: Severity;
  /** Says what is wrong and what to change. */
  message: string;
  file?: string;
  /** 0-based index of the YAML document in its file. */
  document?: number;
  line?: number;
  /** Field path inside the document, e.g. spec.triggers[0].template.conditions */
  path: string;
  /** Kind/name of the resource, when known. */
  resource?: string;
}

/** Collects findings for one resource so rules only name the code, path and message. */
export class FindingSink {
  readonly findings: Finding[] = [];
  constructor(readonly resource?: string) {}

  error(code: string, path: string, message: string): void {
    this.add('error', code, path, message);
  }

  warn(code: string, path: string, message: string): void {
    this.add('warning', code, path, message);
  }

  private add(severity: Severity, code: string, path: string, message: string): void {
    const f: Finding = { code, severity, message, path };
    if (this.resource !== undefined) f.resource = this.resource;
    this.findings.push(f);
  }
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
