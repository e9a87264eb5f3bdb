/** Office's errors as the fake raises them: the `code` an add-in tests (ItemNotFound, InvalidArgument, ...). */

/** Office's error (OfficeExtension.Error): a `code` such as ItemNotFound, a message, debugInfo. */
export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { readonly code: string; readonly message: string; readonly errorLocation?: string };

  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

export const notFound = (what: string) => new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist. (${what})`);
export const invalidArgument = (message: string, where?: string) =>
  new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. ${message}`, where);
