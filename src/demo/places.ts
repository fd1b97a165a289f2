// Vietnam's real administrative units (../shared/data/dvhc): Bến Tre as of 1 May 2017, and the
// 63 provinces as of 1 March 2025 (the pre-reform map). The party tree of the demo follows them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Commune {
  code: string;
  /** Name without its type, as in the data: "Tiên Thủy", "8". */
  name: string;
  type: 'xã' | 'phường' | 'thị trấn';
  /** "xã Tiên Thủy", "phường 8". */
  label: string;
  /** Full address of the commune: "xã Tiên Thủy, huyện Châu Thành, tỉnh Bến Tre". */
  address: string;
}

export interface District {
  code: string;
  name: string;
  type: 'huyện' | 'quận' | 'thị xã' | 'thành phố';
  /** "huyện Châu Thành", "quận 1". */
  label: string;
  communes: Commune[];
}

export interface Province {
  code: string;
  /** "Bến Tre", "Hà Nội". */
  name: string;
  type: 'tỉnh' | 'thành phố';
  /** "tỉnh Bến Tre", "thành phố Hà Nội". */
  label: string;
  districts: District[];
}

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Where the data lives: DANGVU_DVHC_DIR, or shared/data/dvhc beside the repository. */
export function findDataDir(): string {
  const candidates = [
    process.env.DANGVU_DVHC_DIR,
    path.resolve(HERE, '../../../shared/data/dvhc'),
    path.resolve(process.cwd(), '../shared/data/dvhc'),
    path.resolve(process.cwd(), 'shared/data/dvhc'),
  ].filter((c): c is string => !!c);
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, 'bentre_2017.csv')) && fs.existsSync(path.join(dir, 'units_pre2025.csv'))) return dir;
  }
  throw new Error(`Không tìm thấy dữ liệu đơn vị hành chính (bentre_2017.csv, units_pre2025.csv) ở: ${candidates.join(', ')}. Đặt DANGVU_DVHC_DIR trỏ tới thư mục shared/data/dvhc.`);
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes) into rows of strings; the header row included. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const PROVINCE_TYPES: Record<string, Province['type']> = { 'Tỉnh': 'tỉnh', 'Thành phố': 'thành phố' };

function readUnits(file: string): Province[] {
  const rows = parseCsv(fs.readFileSync(file, 'utf8').normalize('NFC'));
  const header = rows.shift()?.join(',');
  if (header !== 'province_code,province_name,district_code,district_name,district_type,unit_code,unit_name,unit_type') {
    throw new Error(`${file}: unexpected header ${header}`);
  }
  const provinces = new Map<string, Province>();
  const districts = new Map<string, District>();
  for (const r of rows) {
    if (r.length < 8) continue;
    const [pCode, pName, dCode, dName, dType, uCode, uName, uType] = r as [string, string, string, string, string, string, string, string];
    let province = provinces.get(pCode);
    if (!province) {
      const prefix = Object.keys(PROVINCE_TYPES).find((t) => pName.startsWith(t + ' '));
      if (!prefix) throw new Error(`${file}: unknown province type in "${pName}"`);
      const name = pName.slice(prefix.length + 1);
      const type = PROVINCE_TYPES[prefix]!;
      province = { code: pCode, name, type, label: `${type} ${name}`, districts: [] };
      provinces.set(pCode, province);
    }
    let district = districts.get(dCode);
    if (!district) {
      const type = dType as District['type'];
      district = { code: dCode, name: dName, type, label: `${type} ${dName}`, communes: [] };
      districts.set(dCode, district);
      province.districts.push(district);
    }
    if (!uCode) continue; // an island district without communes
    const type = uType as Commune['type'];
    const label = `${type} ${uName}`;
    district.communes.push({ code: uCode, name: uName, type, label, address: `${label}, ${district.label}, ${province.label}` });
  }
  return [...provinces.values()];
}

let cache: { dir: string; benTre: Province; country: Province[] } | undefined;

/** Bến Tre (83) as of 1 May 2017, and the 63 provinces with Bến Tre replaced by its 2017 map. */
export function loadPlaces(dir = findDataDir()): { benTre: Province; country: Province[] } {
  if (cache?.dir === dir) return cache;
  const [benTre] = readUnits(path.join(dir, 'bentre_2017.csv'));
  if (!benTre || benTre.code !== '83') throw new Error('bentre_2017.csv: expected province 83');
  const country = readUnits(path.join(dir, 'units_pre2025.csv')).map((p) => (p.code === '83' ? benTre : p));
  country.sort((a, b) => a.code.localeCompare(b.code));
  cache = { dir, benTre, country };
  return cache;
}
