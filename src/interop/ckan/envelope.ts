// CKAN's response envelope {help, success, result|error} and its error kinds with the HTTP status
// CKAN gives each (ckan/views/api.py). Handlers throw CkanError; the dispatcher writes the body.

export type CkanErrorType = 'Not Found Error' | 'Validation Error' | 'Authorization Error' | 'Search Query Error' | 'Search Error';

const STATUS: Record<CkanErrorType, number> = {
  'Not Found Error': 404, 'Validation Error': 409, 'Authorization Error': 403, 'Search Query Error': 400, 'Search Error': 409,
};

export class CkanError extends Error {
  constructor(readonly type: CkanErrorType, message: string, readonly fields: Record<string, string[]> = {}) { super(message); }
  get status(): number { return STATUS[this.type]; }
  body(): Record<string, unknown> {
    return this.type === 'Validation Error' ? { __type: this.type, ...this.fields, message: this.message } : { __type: this.type, message: this.message };
  }
}

export const notFound = (what: string): CkanError => new CkanError('Not Found Error', `Not found: ${what}`);
export const invalid = (field: string, message: string): CkanError => new CkanError('Validation Error', `${field}: ${message}`, { [field]: [message] });

export function helpUrl(baseUrl: string, action: string): string {
  return `${baseUrl}/api/3/action/help_show?name=${encodeURIComponent(action)}`;
}
