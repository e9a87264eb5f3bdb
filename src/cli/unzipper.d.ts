/**
 * The part of unzipper 0.10 (a dependency of exceljs, which reads zips with it) that xlsx-read.ts uses:
 * the central directory of a zip in memory, and each entry as a stream inflated by Node's zlib.
 */
declare module "unzipper" {
  import type { Readable } from "node:stream";

  /** One entry of the central directory. */
  export interface CentralDirectoryFile {
    readonly path: string;
    readonly type: "File" | "Directory";
    readonly compressedSize: number;
    readonly uncompressedSize: number;
    stream(password?: string): Readable;
    buffer(password?: string): Promise<Buffer>;
  }

  export interface CentralDirectory {
    readonly files: CentralDirectoryFile[];
  }

  export const Open: {
    buffer(data: Buffer): Promise<CentralDirectory>;
    file(path: string): Promise<CentralDirectory>;
  };

  const unzipper: { Open: typeof Open };
  export default unzipper;
}
