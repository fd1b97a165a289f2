// The demo's party tree: the central committee, provincial committees, district committees and the
// grassroots organizations of every commune (from the real administrative map), their cells, and
// agency, school, armed-force and enterprise organizations. Each unit that holds members (a cell or a
// grassroots cell) carries how many members the generator puts in it and who its members are like.
import type { UnitKind } from '../domain/units.ts';
import { dayOf } from './calendar.ts';
import type { Commune, District, Province } from './places.ts';
import { Rng, hash32, hashString } from './random.ts';
import { regionOf } from './names.ts';

/** Who the members of a cell are: drives age, sex, occupation, education and status. */
export type HolderProfile =
  | 'residential' // hamlet, village, street-block cells (ấp, thôn, khu phố …)
  | 'office' // commune or district party, government and mass-organization offices
  | 'agency' // provincial and district departments
  | 'school'
  | 'health'
  | 'police'
  | 'military'
  | 'enterprise';

export interface DemoUnit {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: number | null;
  /** ltree of ids from the root: "1.2.15". */
  path: string;
  depth: number;
  /** established_on, as a day number. */
  established: number;
}

/** A cell or grassroots cell, with what the member generator needs. */
export interface Holder {
  unit: DemoUnit;
  /** Its grassroots organization: the committee the cell belongs to, or the grassroots cell itself. */
  org: DemoUnit;
  profile: HolderProfile;
  /** Members to generate in it (all statuses). */
  size: number;
  province: Province;
  district: District | null;
  /** The commune the cell lives in (commune cells), for home towns. */
  commune: Commune | null;
  /** Cells of the same grassroots organization, of its district (if any) and of its province. */
  orgPool: Pool;
  districtPool: Pool | null;
  provincePool: Pool;
  /** A member placed first in this cell with fixed name and status (the demo's "Trần Ngọc Tâm"). */
  pinned?: PinnedMember;
}

export interface PinnedMember {
  family: string;
  middle: string;
  given: string;
  sex: 'male' | 'female';
  status: 'official';
}

/** Cells sorted by their founding day, to draw "a cell that existed on day d" quickly. */
export class Pool {
  readonly holders: Holder[] = [];
  private days: Int32Array | null = null;

  add(h: Holder): void {
    this.holders.push(h);
    this.days = null;
  }

  /** Sorts by founding day (then id): call once the pool is complete. */
  seal(): void {
    this.holders.sort((a, b) => a.unit.established - b.unit.established || a.unit.id - b.unit.id);
    this.days = Int32Array.from(this.holders, (h) => h.unit.established);
  }

  /** How many cells were founded on or before `day`. */
  countFoundedBy(day: number): number {
    const days = this.days ?? (this.seal(), this.days!);
    let lo = 0;
    let hi = days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (days[mid]! <= day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export interface DemoTree {
  units: DemoUnit[];
  /** Member-holding units in id order (the order members are generated in). */
  holders: Holder[];
  /** Units per province (the province unit first), for progress and tests. */
  provinces: Array<{ province: Province; unit: DemoUnit; holders: Holder[] }>;
}

export interface TreeOptions {
  seed: number;
  scale: 'province' | 'country';
  /**
   * Country scale only: build just these provinces (codes), each as large as in the whole country, so a
   * benchmark of two big provinces (bench/restructure.ts) does not wait for the other 60 to load.
   */
  provinces?: string[];
}

// ---------------------------------------------------------------------------------------------
// Dates. Each unit is founded after its parent, so that the tree of any past date is a tree, and
// territorial committees are old enough for the members admitted before 1975 to have had a cell.

const D = (iso: string) => dayOf(iso);
const CENTRAL_FOUNDED = D('1930-02-03');

function dayBetween(rng: Rng, from: number, to: number): number {
  return to <= from ? from : rng.int(from, to);
}

/** A day in [from, to], but never before `after` + 1. */
function foundedBetween(rng: Rng, after: number, from: number, to: number): number {
  const lo = Math.max(after + 1, from);
  return dayBetween(rng, lo, Math.max(lo, to));
}

// ---------------------------------------------------------------------------------------------
// Names of cells and organizations.

/** The word for a hamlet or street block in a commune of this type and province. */
function residentialWord(rng: Rng, province: Province, commune: Commune): string {
  const region = regionOf(province.code);
  const urban = commune.type !== 'xã';
  if (region === 'south') {
    if (urban) return ['84', '86', '87', '89', '91', '93', '94', '95', '96'].includes(province.code) ? 'khóm' : 'khu phố';
    return 'ấp';
  }
  if (urban) return 'tổ dân phố';
  if (['66', '67'].includes(province.code) && rng.chance(0.3)) return 'buôn';
  if (['62', '64'].includes(province.code) && rng.chance(0.3)) return 'làng';
  if (['02', '04', '06', '10', '11', '12', '14', '15', '17', '20'].includes(province.code) && rng.chance(0.5)) return 'bản';
  return 'thôn';
}

const SOUTH_FIRST = ['An', 'Phú', 'Tân', 'Bình', 'Mỹ', 'Long', 'Thạnh', 'Hòa', 'Phước', 'Vĩnh', 'Hưng', 'Thới', 'Quới', 'Nhơn', 'Thuận', 'Đông', 'Tây'];
const SOUTH_SECOND = ['Hòa', 'Lợi', 'Thạnh', 'Thuận', 'Hưng', 'Phú', 'Long', 'Mỹ', 'Điền', 'Định', 'Khánh', 'Hiệp', 'Lộc', 'Thới', 'Quới', 'An', 'Đông', 'Tây', 'Trung', 'Nhơn', 'Bình', 'Tân', 'Thành', 'Phước'];
const SOUTH_FEATURES: Array<[string, string[]]> = [
  ['Giồng', ['Dầu', 'Chùa', 'Găng', 'Keo', 'Quéo']], ['Cây', ['Da', 'Me', 'Sung', 'Dương', 'Gáo']],
  ['Bến', ['Đình', 'Cát', 'Đò', 'Xoài', 'Súc']], ['Cồn', ['Nổi', 'Cát', 'Lợi']], ['Rạch', ['Gừa', 'Sâu', 'Bần', 'Cầu']],
  ['Vàm', ['Rỗng', 'Nước', 'Kinh']], ['Xóm', ['Mới', 'Giữa', 'Chùa', 'Vườn']],
];
const NORTH_WORDS = ['Đông', 'Tây', 'Nam', 'Bắc', 'Thượng', 'Hạ', 'Trung', 'Yên', 'An', 'Phú', 'Hòa', 'Đình', 'Lạc', 'Thái', 'Vân', 'Mỹ', 'Cổ', 'Tiền', 'Hậu', 'Lương', 'Đồng', 'Văn', 'Phúc', 'Xuân'];
const BAN_FIRST = ['Nà', 'Pá', 'Huổi', 'Nậm', 'Co', 'Khe', 'Phiêng', 'Bó', 'Hua', 'Khuổi', 'Lũng'];
const BAN_SECOND = ['Khương', 'Lừa', 'Hẹ', 'Mạ', 'Lay', 'Sản', 'Cọ', 'Tấu', 'Pục', 'Lốm', 'Mòn', 'Cang', 'Thín', 'Pàng', 'Háng'];
const HIGHLAND_FIRST = ['Kon', 'Plei', 'Ea', 'Buôn', 'Đăk'];
const HIGHLAND_SECOND = ['Tu', 'Rơ', 'Ktu', 'Mơ Nú', 'Ngol', 'Hđing', 'Kmrơng', 'Sar', 'Bông', 'Jư', 'Pốc'];

function placeName(rng: Rng, province: Province, word: string): string {
  if (word === 'bản') return `${rng.pick(BAN_FIRST)} ${rng.pick(BAN_SECOND)}`;
  if (word === 'buôn' || word === 'làng') return `${rng.pick(HIGHLAND_FIRST)} ${rng.pick(HIGHLAND_SECOND)}`;
  if (regionOf(province.code) === 'south') {
    if (rng.chance(0.15)) {
      const [first, seconds] = rng.pick(SOUTH_FEATURES);
      return `${first} ${rng.pick(seconds)}`;
    }
    let a = rng.pick(SOUTH_FIRST);
    let b = rng.pick(SOUTH_SECOND);
    if (a === b) b = 'Trung';
    if (a === 'Trung') a = 'Tân';
    return `${a} ${b}`;
  }
  const a = rng.pick(NORTH_WORDS);
  if (rng.chance(0.5)) return a;
  let b = rng.pick(NORTH_WORDS);
  if (a === b) b = 'Trung';
  return `${a} ${b}`;
}

/** Names of people and places schools are often named after (for wards with numbers as names). */
const SCHOOL_PATRONS = [
  'Lê Quý Đôn', 'Nguyễn Đình Chiểu', 'Võ Trường Toản', 'Trương Định', 'Phan Văn Trị', 'Lê Lợi', 'Trần Quốc Tuấn',
  'Nguyễn Trãi', 'Chu Văn An', 'Quang Trung', 'Nguyễn Du', 'Lý Thường Kiệt', 'Trần Hưng Đạo', 'Hùng Vương',
  'Nguyễn Thị Định', 'Phan Bội Châu', 'Phan Châu Trinh', 'Võ Thị Sáu', 'Lê Văn Tám', 'Kim Đồng', 'Nguyễn Văn Trỗi',
  'Huỳnh Tấn Phát', 'Lương Thế Vinh', 'Nguyễn Khuyến', 'Đoàn Thị Điểm', 'Ngô Quyền', 'Bạch Đằng', 'Hoàng Văn Thụ',
];

function schoolPlace(rng: Rng, commune: Commune): string {
  return /^\d/.test(commune.name) ? rng.pick(SCHOOL_PATRONS) : commune.name;
}

const COMPANY_INDUSTRIES = [
  'Chế biến Dừa', 'May mặc', 'Thực phẩm', 'Bao bì', 'Giày da', 'Dược phẩm', 'Thủy sản', 'Cơ khí', 'Điện tử',
  'Nhựa', 'Gỗ', 'Vật liệu xây dựng', 'Thức ăn chăn nuôi', 'Nông sản', 'Dệt', 'Chế biến Trái cây', 'In', 'Hóa chất',
];
const BRAND_WORDS = ['Phú', 'Thành', 'Hưng', 'Phát', 'An', 'Minh', 'Khang', 'Tân', 'Long', 'Lợi', 'Thịnh', 'Việt', 'Hòa', 'Bình', 'Đại', 'Nam', 'Tiến', 'Trường', 'Sao', 'Mai', 'Kim', 'Hoàng', 'Gia', 'Quang', 'Đức', 'Tín', 'Mỹ', 'Thuận'];

export function companyName(rng: Rng): string {
  const form = rng.chance(0.6) ? 'Công ty TNHH' : 'Công ty Cổ phần';
  let a = rng.pick(BRAND_WORDS);
  let b = rng.pick(BRAND_WORDS);
  if (a === b) b = 'Phát';
  if (a === 'Phát') a = 'Tân';
  return `${form} ${rng.pick(COMPANY_INDUSTRIES)} ${a} ${b}`;
}

// ---------------------------------------------------------------------------------------------
// Plans: an organization with its cells and their sizes, before ids and dates are given.

interface CellPlan {
  name: string;
  profile: HolderProfile;
  size: number;
  /** Founding day range; clamped to after the organization's founding. */
  from: number;
  to: number;
  pinned?: PinnedMember;
}

interface OrgPlan {
  name: string;
  kind: 'grassroots_committee' | 'grassroots_cell';
  from: number;
  to: number;
  /** A grassroots cell holds members itself: its profile and size. */
  profile?: HolderProfile;
  size?: number;
  cells: CellPlan[];
  commune?: Commune;
}

const sizeIn = (rng: Rng, min: number, max: number) => rng.int(min, max);

function committee(name: string, from: string, to: string, cells: CellPlan[]): OrgPlan {
  return { name, kind: 'grassroots_committee', from: D(from), to: D(to), cells };
}
function grassrootsCell(name: string, profile: HolderProfile, size: number, from: string, to: string): OrgPlan {
  return { name, kind: 'grassroots_cell', from: D(from), to: D(to), profile, size, cells: [] };
}
function cell(name: string, profile: HolderProfile, size: number, from = '1976-01-01', to = '2010-12-31'): CellPlan {
  return { name, profile, size, from: D(from), to: D(to) };
}

/** The word for "committee" of a district-level unit: Huyện ủy, Quận ủy, Thị ủy, Thành ủy. */
export function districtCommitteeWord(d: District): string {
  return { 'huyện': 'Huyện ủy', 'quận': 'Quận ủy', 'thị xã': 'Thị ủy', 'thành phố': 'Thành ủy' }[d.type];
}

export function provinceCommitteeWord(p: Province): string {
  return p.type === 'tỉnh' ? 'Tỉnh ủy' : 'Thành ủy';
}

/** The curated organizations directly under a provincial committee. */
function provinceAgencies(rng: Rng, p: Province): OrgPlan[] {
  const ty = p.type; // "tỉnh" or "thành phố"
  const cw = provinceCommitteeWord(p);
  const small = (name: string, profile: HolderProfile = 'agency') => cell(name, profile, sizeIn(rng, 6, 18), '1980-01-01', '2010-12-31');
  const paper = p.code === '83' ? 'Báo Đồng Khởi' : `Báo ${p.name}`;
  return [
    committee(`Đảng bộ Cơ quan ${cw}`, '1976-01-01', '1990-12-31', [
      small(`Chi bộ Văn phòng ${cw}`), small(`Chi bộ Ban Tổ chức ${cw}`), small(`Chi bộ Ban Tuyên giáo ${cw}`),
      small(`Chi bộ Ủy ban Kiểm tra ${cw}`), small(`Chi bộ Ban Dân vận ${cw}`), small(`Chi bộ Ban Nội chính ${cw}`),
    ]),
    committee('Đảng bộ Sở Giáo dục và Đào tạo', '1976-01-01', '1995-12-31', [
      small('Chi bộ Văn phòng Sở'), small('Chi bộ Phòng Giáo dục Trung học'), small('Chi bộ Phòng Giáo dục Mầm non - Tiểu học'),
      small('Chi bộ Phòng Tổ chức cán bộ'), small('Chi bộ Phòng Kế hoạch - Tài chính'), small('Chi bộ Thanh tra Sở'),
    ]),
    committee('Đảng bộ Sở Y tế', '1976-01-01', '1995-12-31', [
      small('Chi bộ Văn phòng Sở'), small('Chi bộ Phòng Nghiệp vụ Y', 'health'), small('Chi bộ Phòng Kế hoạch - Tài chính'),
      small('Chi bộ Chi cục An toàn vệ sinh thực phẩm', 'health'), small('Chi bộ Trung tâm Kiểm soát bệnh tật', 'health'),
    ]),
    committee(`Đảng bộ Bệnh viện Đa khoa ${ty}`, '1976-01-01', '1995-12-31', [
      small('Chi bộ Khối Hành chính'), small('Chi bộ Khoa Nội', 'health'), small('Chi bộ Khoa Ngoại', 'health'),
      small('Chi bộ Khoa Sản', 'health'), small('Chi bộ Khoa Nhi', 'health'), small('Chi bộ Khoa Hồi sức cấp cứu', 'health'),
      small('Chi bộ Khối Cận lâm sàng', 'health'),
    ]),
    committee('Đảng bộ Sở Nông nghiệp và Phát triển nông thôn', '1976-01-01', '2000-12-31', [
      small('Chi bộ Văn phòng Sở'), small('Chi bộ Chi cục Thủy lợi'), small('Chi bộ Chi cục Kiểm lâm'),
      small('Chi bộ Chi cục Trồng trọt và Bảo vệ thực vật'), small('Chi bộ Chi cục Chăn nuôi và Thú y'),
    ]),
    grassrootsCell('Chi bộ Sở Tư pháp', 'agency', sizeIn(rng, 10, 30), '1980-01-01', '2000-12-31'),
    grassrootsCell('Chi bộ Sở Tài chính', 'agency', sizeIn(rng, 12, 35), '1980-01-01', '2000-12-31'),
    grassrootsCell('Chi bộ Sở Kế hoạch và Đầu tư', 'agency', sizeIn(rng, 12, 30), '1980-01-01', '2000-12-31'),
    grassrootsCell('Chi bộ Sở Xây dựng', 'agency', sizeIn(rng, 10, 30), '1980-01-01', '2000-12-31'),
    grassrootsCell('Chi bộ Sở Khoa học và Công nghệ', 'agency', sizeIn(rng, 8, 25), '1985-01-01', '2005-12-31'),
    grassrootsCell('Chi bộ Sở Ngoại vụ', 'agency', sizeIn(rng, 7, 18), '1995-01-01', '2008-12-31'),
    grassrootsCell(`Chi bộ Thanh tra ${ty}`, 'agency', sizeIn(rng, 10, 28), '1980-01-01', '2000-12-31'),
    grassrootsCell('Chi bộ Trường Chính trị', 'school', sizeIn(rng, 15, 35), '1976-01-01', '1995-12-31'),
    grassrootsCell(`Chi bộ ${paper}`, 'agency', sizeIn(rng, 10, 30), '1976-01-01', '1995-12-31'),
    grassrootsCell(`Chi bộ Đài Phát thanh và Truyền hình ${ty}`, 'agency', sizeIn(rng, 15, 40), '1980-01-01', '2000-12-31'),
  ];
}

/** The curated organizations under a district-level committee. */
function districtAgencies(rng: Rng, d: District, benTre: boolean): OrgPlan[] {
  const cw = districtCommitteeWord(d);
  const small = (name: string, profile: HolderProfile = 'agency', min = 5, max = 15) =>
    cell(name, profile, sizeIn(rng, min, max), '1985-01-01', '2010-12-31');
  const plans: OrgPlan[] = [
    grassrootsCell(`Chi bộ Văn phòng ${cw}`, 'office', sizeIn(rng, 10, 25), '1976-01-01', '1995-12-31'),
    committee(`Đảng bộ Cơ quan Chính quyền ${d.label}`, '1976-01-01', '1995-12-31', [
      small('Chi bộ Văn phòng Hội đồng nhân dân và Ủy ban nhân dân', 'office'), small('Chi bộ Phòng Tài chính - Kế hoạch'),
      small('Chi bộ Phòng Nội vụ'), small('Chi bộ Phòng Tài nguyên và Môi trường'),
      small(d.type === 'huyện' ? 'Chi bộ Phòng Nông nghiệp và Phát triển nông thôn' : 'Chi bộ Phòng Kinh tế'),
    ]),
    grassrootsCell('Chi bộ Phòng Giáo dục và Đào tạo', 'agency', sizeIn(rng, 8, 20), '1980-01-01', '2000-12-31'),
    grassrootsCell(`Chi bộ Trường THPT ${d.name}`, 'school', sizeIn(rng, 12, 35), '1980-01-01', '2005-12-31'),
    grassrootsCell(`Chi bộ Trung tâm Y tế ${d.label}`, 'health', sizeIn(rng, 12, 35), '1980-01-01', '2008-12-31'),
    committee(`Đảng bộ Công an ${d.label}`, '1976-01-01', '1990-12-31', [
      small('Chi bộ Đội Tham mưu - Tổng hợp', 'police', 6, 18), small('Chi bộ Đội Cảnh sát hình sự', 'police', 6, 18),
      small('Chi bộ Đội An ninh', 'police', 6, 15), small('Chi bộ Đội Cảnh sát giao thông', 'police', 6, 15),
    ]),
    committee(`Đảng bộ Quân sự ${d.label}`, '1976-01-01', '1990-12-31', [
      small('Chi bộ Ban Tham mưu', 'military', 6, 15), small('Chi bộ Ban Chính trị - Hậu cần', 'military', 5, 12),
      small('Chi bộ Trung đội Dân quân cơ động', 'military', 5, 10),
    ]),
  ];
  if (benTre && d.code === '831') {
    // The Giao Long and An Hiệp industrial parks of Châu Thành (the seed's recruitment story).
    for (const [park, count, opened] of [['KCN Giao Long', 6, '2006-01-01'], ['KCN An Hiệp', 4, '2008-01-01']] as const) {
      for (let i = 0; i < count; i++) {
        const company = companyName(rng);
        if (i === 0) {
          plans.push(committee(`Đảng bộ ${company} (${park})`, opened, '2015-12-31', [
            cell('Chi bộ Khối Văn phòng', 'enterprise', sizeIn(rng, 5, 15), opened, '2016-06-30'),
            cell('Chi bộ Phân xưởng Sản xuất 1', 'enterprise', sizeIn(rng, 5, 20), opened, '2016-06-30'),
            cell('Chi bộ Phân xưởng Sản xuất 2', 'enterprise', sizeIn(rng, 5, 20), opened, '2016-06-30'),
          ]));
        } else {
          plans.push(grassrootsCell(`Chi bộ ${company} (${park})`, 'enterprise', sizeIn(rng, 5, 25), opened, '2016-06-30'));
        }
      }
    }
  }
  return plans;
}

/** More organizations, for the country: schools, agencies, hospitals and enterprises. */
function fillerOrg(rng: Rng, p: Province, d: District | null): OrgPlan {
  const kind = rng.float();
  if (kind < 0.3) {
    const level = d ? rng.pick(['THPT', 'THCS', 'Tiểu học']) : rng.pick(['THPT', 'THPT Chuyên', 'Cao đẳng']);
    const patron = d && d.communes.length && rng.chance(0.6) ? schoolPlace(rng, rng.pick(d.communes)) : rng.pick(SCHOOL_PATRONS);
    return grassrootsCell(`Chi bộ Trường ${level} ${patron}`, 'school', sizeIn(rng, 8, 35), '1980-01-01', '2012-12-31');
  }
  if (kind < 0.65) {
    const company = companyName(rng);
    if (rng.chance(0.25)) {
      const n = rng.int(3, 6);
      return committee(`Đảng bộ ${company}`, '1995-01-01', '2014-12-31',
        Array.from({ length: n }, (_, i) => cell(i === 0 ? 'Chi bộ Khối Văn phòng' : `Chi bộ Phân xưởng ${i}`, 'enterprise', sizeIn(rng, 5, 25), '1995-01-01', '2016-06-30')));
    }
    return grassrootsCell(`Chi bộ ${company}`, 'enterprise', sizeIn(rng, 5, 30), '1995-01-01', '2016-06-30');
  }
  if (kind < 0.9) {
    const where = d ? d.label : p.label;
    const name = rng.pick(d ? [
      'Chi cục Thuế', 'Kho bạc Nhà nước', 'Chi cục Thống kê', 'Phòng Giao dịch Ngân hàng Chính sách xã hội', 'Điện lực',
      'Bưu điện', 'Trung tâm Văn hóa - Thể thao', 'Ban Quản lý dự án', 'Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên',
      'Tòa án nhân dân', 'Viện Kiểm sát nhân dân', 'Chi cục Thi hành án dân sự', 'Hạt Kiểm lâm', 'Phòng Văn hóa và Thông tin',
      'Phòng Lao động - Thương binh và Xã hội', 'Phòng Tư pháp', 'Thanh tra', 'Ủy ban Mặt trận Tổ quốc', 'Hội Nông dân', 'Liên đoàn Lao động',
    ] : [
      'Sở Công Thương', 'Sở Giao thông vận tải', 'Sở Thông tin và Truyền thông', 'Sở Văn hóa, Thể thao và Du lịch',
      'Sở Lao động - Thương binh và Xã hội', 'Sở Nội vụ', 'Ban Dân tộc', 'Ngân hàng Nhà nước chi nhánh', 'Cục Thuế', 'Cục Thống kê',
      'Kho bạc Nhà nước', 'Bảo hiểm xã hội', 'Tòa án nhân dân', 'Viện Kiểm sát nhân dân', 'Cục Thi hành án dân sự', 'Liên đoàn Lao động',
      'Hội Nông dân', 'Hội Liên hiệp Phụ nữ', 'Ủy ban Mặt trận Tổ quốc', 'Đoàn Thanh niên', 'Hội Cựu chiến binh', 'Trung tâm Xúc tiến Đầu tư',
    ]);
    if (!d && rng.chance(0.3)) {
      const n = rng.int(3, 6);
      return committee(`Đảng bộ ${name} ${where}`, '1980-01-01', '2005-12-31',
        Array.from({ length: n }, (_, i) => cell(i === 0 ? 'Chi bộ Văn phòng' : `Chi bộ Phòng Nghiệp vụ ${i}`, 'agency', sizeIn(rng, 5, 20), '1985-01-01', '2012-12-31')));
    }
    return grassrootsCell(`Chi bộ ${name} ${where}`, 'agency', sizeIn(rng, 7, 30), '1980-01-01', '2008-12-31');
  }
  const hospital = d ? `Phòng khám Đa khoa khu vực ${d.communes.length ? rng.pick(d.communes).name : d.name}`
    : `Bệnh viện ${rng.pick(['Sản - Nhi', 'Y học cổ truyền', 'Lao và Bệnh phổi', 'Tâm thần', 'Mắt', 'Phục hồi chức năng', 'Da liễu', 'Ung bướu'])} ${p.label}`;
  return grassrootsCell(`Chi bộ ${hospital}`, 'health', sizeIn(rng, 8, 35), '1985-01-01', '2010-12-31');
}

/** Special cells of a commune: offices, schools, police, military, health station. */
function communeSpecialCells(rng: Rng, commune: Commune): CellPlan[] {
  const t = commune.type;
  const cells: CellPlan[] = [];
  if (rng.chance(0.55)) cells.push(cell('Chi bộ Cơ quan', 'office', sizeIn(rng, 8, 20), '1976-01-01', '1995-12-31'));
  else {
    cells.push(cell('Chi bộ Cơ quan Đảng - Đoàn thể', 'office', sizeIn(rng, 6, 14), '1976-01-01', '1995-12-31'));
    cells.push(cell('Chi bộ Cơ quan Ủy ban nhân dân', 'office', sizeIn(rng, 6, 14), '1976-01-01', '1995-12-31'));
  }
  if (rng.chance(0.6)) cells.push(cell(`Chi bộ Trường Tiểu học ${schoolPlace(rng, commune)}`, 'school', sizeIn(rng, 5, 16), '1980-01-01', '2010-12-31'));
  if (rng.chance(0.45)) cells.push(cell(`Chi bộ Trường THCS ${schoolPlace(rng, commune)}`, 'school', sizeIn(rng, 5, 18), '1980-01-01', '2010-12-31'));
  if (rng.chance(0.15)) cells.push(cell(`Chi bộ Trường Mầm non ${schoolPlace(rng, commune)}`, 'school', sizeIn(rng, 5, 10), '1990-01-01', '2010-12-31'));
  if (rng.chance(0.85)) cells.push(cell(`Chi bộ Công an ${t}`, 'police', sizeIn(rng, 5, 12), '1985-01-01', '2008-12-31'));
  if (rng.chance(0.7)) cells.push(cell(`Chi bộ Quân sự ${t}`, 'military', sizeIn(rng, 5, 10), '1980-01-01', '2008-12-31'));
  if (rng.chance(0.2)) cells.push(cell('Chi bộ Trạm Y tế', 'health', sizeIn(rng, 5, 8), '1990-01-01', '2010-12-31'));
  return cells;
}

/** The grassroots committee of a commune with its cells, holding about `target` members. */
function communePlan(rng: Rng, province: Province, commune: Commune, target: number, provinceScale: boolean): OrgPlan {
  const specials = communeSpecialCells(rng, commune);
  if (provinceScale) while (specials.length > 6) specials.splice(rng.int(1, specials.length - 1), 1);
  const specialMembers = specials.reduce((s, c) => s + c.size, 0);
  const meanSize = provinceScale ? 24 : rng.int(20, 30);
  let residential = Math.round(Math.max(0, target - specialMembers) / meanSize);
  residential = provinceScale
    ? Math.min(15 - specials.length, Math.max(Math.max(2, 4 - specials.length), residential))
    : Math.min(90, Math.max(2, residential));
  const mean = Math.min(45, Math.max(8, (target - specialMembers) / residential));
  const word = residentialWord(rng, province, commune);
  const numbered = word === 'khu phố' || word === 'khóm' || word === 'tổ dân phố' ? rng.chance(0.85) : rng.chance(0.4);
  const used = new Set<string>();
  const cells: CellPlan[] = [];
  for (let i = 0; i < residential; i++) {
    let label: string;
    if (numbered) label = String(i + 1);
    else {
      let tries = 0;
      do label = placeName(rng, province, word);
      while (used.has(label) && ++tries < 20);
      if (used.has(label)) label = `${label} ${String.fromCharCode(65 + (i % 26))}`;
    }
    used.add(label);
    const size = Math.min(50, Math.max(5, Math.round(mean * (0.55 + 0.9 * rng.float()))));
    // The first hamlet cell is as old as the commune committee; the others were formed later.
    const era = rng.float();
    const [from, to] = i === 0 ? ['1930-01-01', '1930-01-01'] : era < 0.35 ? ['1930-01-01', '1975-12-31'] : era < 0.75 ? ['1976-01-01', '1995-12-31'] : ['1996-01-01', '2010-12-31'];
    cells.push({ name: `Chi bộ ${word} ${label}`, profile: 'residential', size, from: D(from), to: D(to) });
  }
  // Older committees first: most commune party committees of the south go back to the resistance.
  const [from, to] = rng.chance(0.7) ? ['1936-01-01', '1965-12-31'] : ['1966-01-01', '1975-12-31'];
  return { name: `Đảng bộ ${commune.label}`, kind: 'grassroots_committee', from: D(from), to: D(to), cells: [...cells, ...specials], commune };
}

function planSize(plan: OrgPlan): number {
  return plan.kind === 'grassroots_cell' ? plan.size ?? 0 : plan.cells.reduce((s, c) => s + c.size, 0);
}

// ---------------------------------------------------------------------------------------------
// Building.

class Builder {
  readonly units: DemoUnit[] = [];
  readonly holders: Holder[] = [];
  private nextId = 1;

  add(code: string, name: string, kind: UnitKind, parent: DemoUnit | null, established: number): DemoUnit {
    const id = this.nextId++;
    const unit: DemoUnit = {
      id, code, name, kind, parentId: parent?.id ?? null,
      path: parent ? `${parent.path}.${id}` : String(id),
      depth: parent ? parent.depth + 1 : 0,
      established,
    };
    this.units.push(unit);
    return unit;
  }
}

const code2 = (n: number) => String(n).padStart(2, '0');

/** Members per province for the country: by number of communes, with the big cities larger. */
const PROVINCE_WEIGHT: Record<string, number> = { '01': 1.7, '79': 2.4, '31': 1.3, '48': 1.4, '92': 1.3, '38': 0.8, '40': 0.9, '83': 0.55 };
export const COUNTRY_MEMBERS = 5_600_000;
export const COUNTRY_GRASSROOTS = 52_000;
export const PROVINCE_MEMBERS = 45_000;

function buildProvince(
  b: Builder, root: DemoUnit, province: Province, seed: number,
  plan: { members: number; extraOrgs: number; provinceScale: boolean },
): { unit: DemoUnit; holders: Holder[] } {
  const rng = new Rng(hash32(seed, hashString(`province:${province.code}`)));
  const benTre = province.code === '83';

  // Plans first (sizes decide how many members the communes get), then units with ids and dates.
  const provinceOrgs = provinceAgencies(rng, province);
  const districtOrgs = new Map<District, OrgPlan[]>(province.districts.map((d) => [d, districtAgencies(rng, d, benTre)]));
  if (plan.extraOrgs > 0) {
    // Extra organizations: 30 % under the province, the rest under districts by their number of communes.
    const atProvince = Math.round(plan.extraOrgs * 0.3);
    for (let i = 0; i < atProvince; i++) provinceOrgs.push(fillerOrg(rng, province, null));
    const totalCommunes = province.districts.reduce((s, d) => s + d.communes.length + 2, 0);
    let left = plan.extraOrgs - atProvince;
    province.districts.forEach((d, i) => {
      const n = i === province.districts.length - 1 ? left : Math.round(((plan.extraOrgs - atProvince) * (d.communes.length + 2)) / totalCommunes);
      left -= n;
      for (let k = 0; k < n; k++) districtOrgs.get(d)!.push(fillerOrg(rng, province, d));
    });
  }
  const agencyMembers = [...provinceOrgs, ...[...districtOrgs.values()].flat()].reduce((s, o) => s + planSize(o), 0);
  const communes = province.districts.flatMap((d) => d.communes);
  const weights = communes.map((c) => (c.type === 'xã' ? 0.7 : 0.9) + 0.6 * rng.float());
  const weightSum = weights.reduce((s, x) => s + x, 0);
  const communeBudget = Math.max(communes.length * 60, plan.members - agencyMembers);
  const communePlans = new Map<Commune, OrgPlan>();
  communes.forEach((c, i) => communePlans.set(c, communePlan(rng, province, c, (communeBudget * weights[i]!) / weightSum, plan.provinceScale)));

  if (benTre) {
    // The demo's story: Trần Ngọc Tâm, member of a hamlet cell of Tiên Thủy (Châu Thành).
    const tienThuy = communes.find((c) => c.code === '28861');
    const first = tienThuy && communePlans.get(tienThuy)!.cells[0];
    if (first) first.pinned = { family: 'Trần', middle: 'Ngọc', given: 'Tâm', sex: 'male', status: 'official' };
  }

  const holders: Holder[] = [];
  const provincePool = new Pool();
  const provinceUnit = b.add(province.code, `Đảng bộ ${province.label}`, 'province_committee', root,
    foundedBetween(rng, root.established, D('1930-03-01'), D('1930-12-31')));

  const materialize = (orgPlan: OrgPlan, parent: DemoUnit, code: string, district: District | null, districtPool: Pool | null) => {
    const org = b.add(code, orgPlan.name, orgPlan.kind, parent, foundedBetween(rng, parent.established, orgPlan.from, orgPlan.to));
    const orgPool = new Pool();
    const hold = (unit: DemoUnit, profile: HolderProfile, size: number, pinned?: PinnedMember) => {
      const h: Holder = { unit, org, profile, size, province, district, commune: orgPlan.commune ?? null, orgPool, districtPool, provincePool, pinned };
      holders.push(h);
      b.holders.push(h);
      orgPool.add(h);
      districtPool?.add(h);
      provincePool.add(h);
    };
    if (orgPlan.kind === 'grassroots_cell') hold(org, orgPlan.profile!, orgPlan.size!);
    orgPlan.cells.forEach((c, i) => {
      // The first cell of an organization is founded with it; the others after it.
      const founded = i === 0 ? org.established : foundedBetween(rng, org.established, c.from, c.to);
      const unit = b.add(`${code}.${code2(i + 1)}`, c.name, 'cell', org, founded);
      hold(unit, c.profile, c.size, c.pinned);
    });
  };

  for (const d of province.districts) {
    const districtUnit = b.add(d.code, `Đảng bộ ${d.label}`, 'district_committee', provinceUnit,
      foundedBetween(rng, provinceUnit.established, D('1930-06-01'), D('1945-12-31')));
    const districtPool = new Pool();
    for (const c of d.communes) materialize(communePlans.get(c)!, districtUnit, c.code, d, districtPool);
    districtOrgs.get(d)!.forEach((o, i) => materialize(o, districtUnit, `${d.code}.${code2(i + 1)}`, d, districtPool));
    districtPool.seal();
  }
  provinceOrgs.forEach((o, i) => materialize(o, provinceUnit, `${province.code}.${code2(i + 1)}`, null, null));
  provincePool.seal();
  for (const pool of new Set(holders.map((h) => h.orgPool))) pool.seal();
  return { unit: provinceUnit, holders };
}

/** The whole tree of the demo: Bến Tre alone (province) or the 63 provinces (country). */
export function buildTree(places: { benTre: Province; country: Province[] }, options: TreeOptions): DemoTree {
  const b = new Builder();
  const root = b.add('TW', 'Ban Chấp hành Trung ương', 'central', null, CENTRAL_FOUNDED);
  const provinces: DemoTree['provinces'] = [];
  if (options.scale === 'province') {
    const built = buildProvince(b, root, places.benTre, options.seed, { members: PROVINCE_MEMBERS, extraOrgs: 0, provinceScale: true });
    provinces.push({ province: places.benTre, ...built });
  } else {
    const weights = places.country.map((p) => p.districts.reduce((s, d) => s + d.communes.length, 0) * (PROVINCE_WEIGHT[p.code] ?? 1));
    const total = weights.reduce((s, x) => s + x, 0);
    const communes = places.country.reduce((s, p) => s + p.districts.reduce((t, d) => t + d.communes.length, 0), 0);
    // Curated organizations per province (15) and per district (7) count towards the ~52,000.
    const curated = places.country.reduce((s, p) => s + 15 + p.districts.length * 7, 0) + 10;
    const extra = Math.max(0, COUNTRY_GRASSROOTS - communes - curated);
    const only = options.provinces && new Set(options.provinces);
    places.country.forEach((p, i) => {
      if (only && !only.has(p.code)) return;
      const share = weights[i]! / total;
      const built = buildProvince(b, root, p, options.seed, {
        members: Math.round(COUNTRY_MEMBERS * share),
        extraOrgs: Math.round(extra * share),
        provinceScale: false,
      });
      provinces.push({ province: p, ...built });
    });
  }
  return { units: b.units, holders: b.holders, provinces };
}
