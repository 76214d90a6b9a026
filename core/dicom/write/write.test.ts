import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { dataset, tag } from './dataset.ts';
import { encodePart10 } from './encode.ts';
import { formatDs, uidFromRandom } from './values.ts';

const scratch = mkdtempSync(join(tmpdir(), 'delineate-dicom-write-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('DS and UID values', () => {
  it('keeps every decimal string within 16 characters and close to the number', () => {
    const values = [0, -0, 1, -1, 123.456789012345, -123456.7890123, 1e-9, -2.5e-7, 98765432109.87654, 1 / 3, -512.4999999, 0.1 + 0.2];
    for (let n = 0; n < 2000; n++) values.push((Math.random() - 0.5) * 10 ** (Math.random() * 14 - 4));
    for (const v of values) {
      const text = formatDs(v);
      expect(text.length, `${v} -> ${text}`).toBeLessThanOrEqual(16);
      expect(text).toMatch(/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/);
      expect(Math.abs(Number(text) - v)).toBeLessThanOrEqual(Math.max(1e-6, Math.abs(v) * 1e-9));
    }
  });

  it('writes 2.25 UIDs of at most 64 digits and dots, different every time', () => {
    const random = () => Uint8Array.from({ length: 16 }, () => Math.floor(Math.random() * 256));
    const uids = new Set(Array.from({ length: 100 }, () => uidFromRandom(random())));
    expect(uids.size).toBe(100);
    for (const uid of uids) expect(uid).toMatch(/^2\.25\.[1-9]\d{0,38}$/);
    expect(uidFromRandom(new Uint8Array(16).fill(255)).length).toBeLessThanOrEqual(64);
  });
});

describe('Part 10 encoding', () => {
  const ds = dataset([
    [tag(0x0008, 0x0016), 'UI', '1.2.840.10008.5.1.4.1.1.481.3'],
    [tag(0x0008, 0x0018), 'UI', '1.2.3'],
    [tag(0x0010, 0x0010), 'PN', 'Doe^Jane'],
    [tag(0x0010, 0x0020), 'LO', 'odd'],
    [tag(0x0028, 0x0010), 'US', [512]],
    [tag(0x3006, 0x0020), 'SQ', [dataset([[tag(0x3006, 0x0026), 'LO', 'Hjärta']]), dataset([[tag(0x3006, 0x0026), 'LO', 'PTV']])]],
    [tag(0x7fe0, 0x0010), 'OB', new Uint8Array([1, 2, 3])],
  ]);
  const bytes = encodePart10(ds, { sopClassUid: '1.2.840.10008.5.1.4.1.1.481.3', sopInstanceUid: '1.2.3', implementationClassUid: '1.2.3.4', implementationVersionName: 'TEST' });

  it('reads back with dicom-parser: values, sequences, even padded lengths', () => {
    const parsed = dicomParser.parseDicom(bytes);
    expect(parsed.string('x00020010')).toBe('1.2.840.10008.1.2.1');
    expect(parsed.string('x00080018')).toBe('1.2.3');
    expect(parsed.elements['x00080018']!.length).toBe(6); // '1.2.3' + NUL
    expect(parsed.string('x00100020')).toBe('odd');
    expect(parsed.elements['x00100020']!.length).toBe(4);
    expect(parsed.uint16('x00280010')).toBe(512);
    const items = parsed.elements['x30060020']!.items!;
    expect(items.map((i) => i.dataSet!.string('x30060026'))).toEqual([Buffer.from('Hjärta').toString('latin1'), 'PTV']);
    expect(parsed.elements['x7fe00010']!.length).toBe(4);
  });

  it('is a file dcmdump (DCMTK) reads without complaint', () => {
    const path = join(scratch, 'x.dcm');
    writeFileSync(path, bytes);
    const dump = execFileSync('dcmdump', ['-dc', path], { encoding: 'utf8' });
    expect(dump).toContain('(0010,0010) PN [Doe^Jane]');
    expect(dump).toContain('(3006,0026) LO [PTV ]'); // padded to an even length with a space
    expect(dump).not.toMatch(/error|warning/i);
  });
});

describe('dicomDateTime', () => {
  it('writes the local date and time with their offset from UTC, in any time zone', () => {
    const moment = Date.UTC(2026, 0, 1, 23, 30, 5);
    const inZone = (tz: string) =>
      JSON.parse(
        execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `const { dicomDateTime } = await import(${JSON.stringify(new URL('./values.ts', import.meta.url).href)}); console.log(JSON.stringify(dicomDateTime(new Date(${moment}))));`], {
          env: { ...process.env, TZ: tz },
          encoding: 'utf8',
        }),
      );
    expect(inZone('Europe/Berlin')).toEqual({ date: '20260102', time: '003005', utcOffset: '+0100' });
    expect(inZone('America/New_York')).toEqual({ date: '20260101', time: '183005', utcOffset: '-0500' });
    expect(inZone('Asia/Kolkata')).toEqual({ date: '20260102', time: '050005', utcOffset: '+0530' });
  });
});
