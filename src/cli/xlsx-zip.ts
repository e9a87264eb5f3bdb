/**
 * A zip archive written front to back, for the XLSX writer (table-write.ts): small parts deflated whole,
 * a worksheet deflated as it is written (zlib's stream, which compresses on libuv's thread pool while the
 * next rows are made), sizes and CRC-32 after each part in a data descriptor, then the central directory.
 * Plain zip (no ZIP64): a part or the archive over 4 GB is refused, far beyond what a sheet of Excel's
 * 1,048,576 rows gives here. Node only.
 */
import { promises as fs } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { crc32, createDeflateRaw, deflateRawSync, type DeflateRaw } from "node:zlib";

/** Deflate level: 6 compresses sheet XML about 5% better than 3 and takes half again as long. */
const LEVEL = 3;
const LIMIT = 0xffffffff;
/** Fixed time stamp (1980-01-01 00:00): the file's bytes do not depend on the clock. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** General purpose flags: bit 3 (sizes in a data descriptor), bit 11 (names in UTF-8). */
const FLAGS = 0x0808;

interface Entry {
  readonly name: Buffer;
  readonly offset: number;
  crc: number;
  compressed: number;
  size: number;
}

/** A part being written: write its text in pieces, then end it. */
export interface ZipStream {
  write(data: string | Buffer): Promise<void>;
  end(): Promise<void>;
}

export class ZipWriter {
  private readonly entries: Entry[] = [];
  private offset = 0;

  private constructor(private readonly handle: FileHandle) {}

  /** Opens `path` for writing (replacing it). */
  static async create(path: string): Promise<ZipWriter> {
    return new ZipWriter(await fs.open(path, "w"));
  }

  private async put(bytes: Buffer): Promise<void> {
    await this.handle.write(bytes);
    this.offset += bytes.length;
    if (this.offset > LIMIT) throw new Error("the workbook would pass 4 GB, more than a zip without ZIP64 holds: write CSV");
  }

  private async begin(name: string): Promise<Entry> {
    const entry: Entry = { name: Buffer.from(name, "utf8"), offset: this.offset, crc: 0, compressed: 0, size: 0 };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(DOS_TIME, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    // CRC and sizes (14-25) are 0 here: they follow the data (flag bit 3)
    header.writeUInt16LE(entry.name.length, 26);
    header.writeUInt16LE(0, 28);
    await this.put(Buffer.concat([header, entry.name]));
    return entry;
  }

  private async close(entry: Entry): Promise<void> {
    if (entry.size > LIMIT || entry.compressed > LIMIT) throw new Error("a part of the workbook would pass 4 GB: write CSV");
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc >>> 0, 4);
    descriptor.writeUInt32LE(entry.compressed, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    await this.put(descriptor);
    this.entries.push(entry);
  }

  /** Adds a small part whole. */
  async add(name: string, text: string): Promise<void> {
    const entry = await this.begin(name);
    const data = Buffer.from(text, "utf8");
    const deflated = deflateRawSync(data, { level: LEVEL });
    entry.crc = crc32(data);
    entry.size = data.length;
    entry.compressed = deflated.length;
    await this.put(deflated);
    await this.close(entry);
  }

  /** Starts a part written in pieces; end it before the next part. */
  async stream(name: string): Promise<ZipStream> {
    const entry = await this.begin(name);
    const deflate: DeflateRaw = createDeflateRaw({ level: LEVEL });
    // The compressed bytes go to the file in order, each write after the last.
    let writing: Promise<void> = Promise.resolve();
    let failure: unknown = null;
    deflate.on("data", (chunk: Buffer) => {
      entry.compressed += chunk.length;
      writing = writing.then(() => this.put(chunk)).catch((error: unknown) => void (failure ??= error));
    });
    const ended = new Promise<void>((resolve, reject) => {
      deflate.on("end", resolve);
      deflate.on("error", reject);
    });
    const check = () => {
      if (failure !== null) throw failure;
    };
    return {
      write: async (text: string | Buffer) => {
        check();
        const data = typeof text === "string" ? Buffer.from(text, "utf8") : text;
        entry.crc = crc32(data, entry.crc);
        entry.size += data.length;
        if (entry.size > LIMIT) throw new Error("a sheet of the workbook would pass 4 GB: write CSV");
        if (!deflate.write(data)) await new Promise<void>((resolve) => deflate.once("drain", resolve));
        // Keep the file writes from falling far behind (they hold the compressed bytes until written).
        await writing;
        check();
      },
      end: async () => {
        deflate.end();
        await ended;
        await writing;
        check();
        await this.close(entry);
      },
    };
  }

  /** Writes the central directory and closes the file. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const entry of this.entries) {
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
      record.writeUInt16LE(20, 6);
      record.writeUInt16LE(FLAGS, 8);
      record.writeUInt16LE(8, 10);
      record.writeUInt16LE(DOS_TIME, 12);
      record.writeUInt16LE(DOS_DATE, 14);
      record.writeUInt32LE(entry.crc >>> 0, 16);
      record.writeUInt32LE(entry.compressed, 20);
      record.writeUInt32LE(entry.size, 24);
      record.writeUInt16LE(entry.name.length, 28);
      // extra, comment, disk, attributes: 0
      record.writeUInt32LE(entry.offset, 42);
      await this.put(Buffer.concat([record, entry.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.put(end);
    await this.handle.close();
  }

  /** Closes the file after a failure (the caller removes it). */
  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}
