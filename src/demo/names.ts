// Synthetic Vietnamese personal names (NFC): family names with realistic regional frequencies,
// middle and given names by sex, names of some ethnic groups, and both tone-mark placements of the
// names where the two spellings live side by side ("Thủy" / "Thuỷ", "Hòa" / "Hoà").
import { Rng, Weighted } from './random.ts';

export type Sex = 'male' | 'female';
export type Region = 'north' | 'central' | 'south';

export interface PersonName {
  family: string;
  middle: string;
  given: string;
  full: string;
}

/** North: codes up to 37 (Hà Nội … Ninh Bình); central: Thanh Hóa (38) to Lâm Đồng (68); south: the rest. */
export function regionOf(provinceCode: string): Region {
  const n = Number(provinceCode);
  if (n <= 37) return 'north';
  if (n <= 68) return 'central';
  return 'south';
}

const w = <T>(entries: Array<[T, number]>) => new Weighted(entries);

// Family names: the large surveys put Nguyễn near 38 %, then Trần, Lê, Phạm; in the south Hoàng is
// mostly written Huỳnh and Vũ mostly Võ.
const FAMILY: Record<Region, Weighted<string>> = {
  south: w([
    ['Nguyễn', 38], ['Trần', 11], ['Lê', 9], ['Phạm', 5.5], ['Huỳnh', 4.5], ['Võ', 4.5], ['Phan', 4],
    ['Trương', 2], ['Đặng', 2], ['Hồ', 2], ['Bùi', 1.5], ['Đỗ', 1.3], ['Ngô', 1.3], ['Dương', 1.2], ['Lâm', 1],
    ['Đinh', 0.8], ['Lý', 0.8], ['Đoàn', 0.8], ['Hoàng', 0.6], ['Mai', 0.6], ['Cao', 0.6], ['Châu', 0.5],
    ['Lương', 0.5], ['Vũ', 0.4], ['Tô', 0.4], ['Thái', 0.4], ['Trịnh', 0.4], ['Tạ', 0.3], ['La', 0.3],
    ['Từ', 0.3], ['Quách', 0.3], ['Lưu', 0.3], ['Hà', 0.3], ['Kiều', 0.2], ['Văn', 0.2], ['Đào', 0.3],
  ]),
  central: w([
    ['Nguyễn', 36], ['Trần', 10], ['Lê', 10], ['Phạm', 5], ['Hoàng', 3], ['Huỳnh', 2.5], ['Võ', 5], ['Phan', 5],
    ['Hồ', 3.5], ['Trương', 1.5], ['Đặng', 2], ['Bùi', 1.5], ['Đỗ', 1.5], ['Ngô', 1.5], ['Dương', 1], ['Đinh', 1],
    ['Lương', 0.8], ['Mai', 0.7], ['Cao', 0.8], ['Đoàn', 0.8], ['Vũ', 0.8], ['Thái', 0.6], ['Lưu', 0.4], ['Tôn', 0.3],
    ['Hà', 0.5], ['Châu', 0.4], ['Trịnh', 0.5], ['Đào', 0.5], ['Chu', 0.3], ['Lý', 0.4], ['Văn', 0.3],
  ]),
  north: w([
    ['Nguyễn', 36], ['Trần', 10], ['Lê', 8], ['Phạm', 6], ['Hoàng', 5], ['Vũ', 4], ['Đỗ', 3], ['Bùi', 3], ['Đặng', 2.5],
    ['Ngô', 2], ['Dương', 1.5], ['Đinh', 1.5], ['Phan', 1.5], ['Trịnh', 1.2], ['Đào', 1], ['Lương', 1], ['Hà', 1],
    ['Mai', 0.8], ['Cao', 0.8], ['Đoàn', 1], ['Tạ', 0.6], ['Lưu', 0.6], ['Chu', 0.6], ['Võ', 0.8], ['Hồ', 0.8],
    ['Trương', 0.8], ['Phùng', 0.5], ['Lý', 0.5], ['Tô', 0.5], ['Đàm', 0.4], ['Triệu', 0.4], ['Vương', 0.3],
    ['Nghiêm', 0.3], ['Quách', 0.3], ['Kiều', 0.3], ['Khúc', 0.2], ['Lã', 0.2], ['Nông', 0.3],
  ]),
};

const MIDDLE: Record<Sex, Weighted<string>> = {
  male: w([
    ['Văn', 40], ['Minh', 8], ['Thanh', 7], ['Hữu', 6], ['Quốc', 6], ['Ngọc', 5], ['Hoàng', 4], ['Đức', 4],
    ['Tấn', 3], ['Công', 3], ['Duy', 2], ['Chí', 2], ['Thành', 2], ['Trung', 1.5], ['Phước', 1.2], ['Trọng', 1.5],
    ['Xuân', 1.5], ['Anh', 1.5], ['Kim', 0.8], ['Hoàng Minh', 0.8], ['Văn Minh', 0.5], ['Bá', 1], ['Đình', 2],
  ]),
  female: w([
    ['Thị', 50], ['Ngọc', 10], ['Thanh', 6], ['Kim', 6], ['Thu', 4], ['Thúy', 3], ['Mỹ', 4], ['Bích', 2], ['Hồng', 3],
    ['Phương', 2], ['Minh', 2], ['Diệu', 1], ['Thùy', 1], ['Cẩm', 1.5], ['Thị Ngọc', 3], ['Thị Kim', 2],
    ['Thị Thu', 1.5], ['Thị Mỹ', 1], ['Thị Bích', 1], ['Thị Thanh', 1.5], ['Hoài', 0.8], ['Xuân', 1],
  ]),
};

const GIVEN: Record<Sex, Weighted<string>> = {
  male: w([
    ['Hùng', 3], ['Dũng', 3], ['Tuấn', 3], ['Minh', 3], ['Hải', 2.5], ['Thành', 2.5], ['Sơn', 2], ['Tâm', 2],
    ['Phúc', 2], ['Hòa', 2], ['Long', 2], ['Nam', 2], ['Trung', 2], ['Bình', 2], ['Hiếu', 1.5], ['Tài', 1.5],
    ['Thắng', 1.5], ['Quang', 1.5], ['Khánh', 1.5], ['Hưng', 1.5], ['Phong', 1.5], ['Đức', 1.5], ['Cường', 1.5],
    ['Vinh', 1.5], ['Lợi', 1.5], ['Tín', 1], ['Nghĩa', 1.5], ['Nhân', 1], ['Thiện', 1], ['Trí', 1], ['Toàn', 1],
    ['Tùng', 1], ['Lâm', 1], ['Kiệt', 0.7], ['Huy', 1.5], ['Hoàng', 1], ['Tú', 1], ['Tân', 1], ['Thịnh', 1],
    ['Thanh', 1.5], ['Vũ', 1], ['Quốc', 0.8], ['Duy', 1], ['Đạt', 1.5], ['Hào', 0.8], ['Lộc', 1], ['Phát', 1],
    ['Sang', 1], ['Tiến', 1], ['Trọng', 0.8], ['Việt', 1], ['Bảo', 1], ['Chiến', 1], ['Nhựt', 0.6], ['Phương', 0.8],
    ['Quý', 0.8], ['Tấn', 0.6], ['Thái', 0.8], ['Thọ', 0.6], ['Thuận', 1], ['Trường', 1], ['Triều', 0.4], ['Hậu', 1],
    ['Mạnh', 1], ['Khoa', 1], ['Khang', 0.8], ['Hiệp', 1], ['Hiển', 0.6], ['Luân', 0.6], ['Nguyên', 0.8], ['Quân', 1],
    ['Thông', 0.6], ['Vĩnh', 0.5], ['Út', 0.4], ['Thủy', 0.4], ['Thụy', 0.3], ['Định', 0.6], ['Em', 0.3],
  ]),
  female: w([
    ['Thủy', 2.5], ['Hoa', 2], ['Lan', 2.5], ['Hương', 3], ['Hằng', 2], ['Linh', 2.5], ['Mai', 2], ['Ngọc', 2],
    ['Nhung', 1.5], ['Phương', 2], ['Thảo', 2.5], ['Trang', 2.5], ['Yến', 2], ['Hạnh', 2], ['Hiền', 2], ['Hồng', 2],
    ['Huyền', 1.5], ['Loan', 1.5], ['Liên', 1.5], ['Nga', 1.5], ['Nguyệt', 1], ['Oanh', 1], ['Quyên', 1], ['Tâm', 1.5],
    ['Thu', 1.5], ['Thúy', 2], ['Trinh', 1.5], ['Tuyết', 1.5], ['Uyên', 1], ['Vân', 1.5], ['Xuân', 1.5], ['Diễm', 1],
    ['Dung', 1.5], ['Giang', 1.5], ['Hà', 2], ['Hậu', 1], ['Kim', 1], ['Lệ', 1], ['Lý', 0.8], ['My', 1], ['Ngân', 1.5],
    ['Nhi', 1], ['Như', 1], ['Phượng', 1.5], ['Quỳnh', 1.5], ['Sương', 1], ['Thanh', 1.5], ['Thơ', 1], ['Thư', 1],
    ['Tiên', 1.5], ['Trâm', 1], ['Vy', 1], ['Hòa', 1], ['Bích', 1], ['Châu', 1], ['Đào', 1], ['Thắm', 1], ['Thùy', 1.5],
    ['Ánh', 1.5], ['Anh', 2], ['Chi', 1], ['Duyên', 1.5], ['Hoài', 0.6], ['Lài', 0.5], ['Mỹ', 1], ['Tươi', 0.6],
    ['Út', 0.4], ['Diệu', 0.5], ['Nhàn', 0.8], ['Gấm', 0.4], ['Cúc', 0.6],
  ]),
};

/**
 * Names written with either tone-mark placement: the "new" placement (on the main vowel, as the
 * 1980s school rules write it: Thủy, Hòa) and the "old" one (Thuỷ, Hoà). Both occur in real records.
 */
export const TONE_VARIANTS: Readonly<Record<string, string>> = {
  'Thủy': 'Thuỷ',
  'Hòa': 'Hoà',
  'Thúy': 'Thuý',
  'Thùy': 'Thuỳ',
  'Thụy': 'Thuỵ',
};
/** Share of names written with the old placement where both exist. */
const OLD_PLACEMENT = 0.25;

function spell(rng: Rng, word: string): string {
  const alt = TONE_VARIANTS[word];
  return alt && rng.chance(OLD_PLACEMENT) ? alt : word;
}

// Ethnic groups (dân tộc), by area: most members are Kinh; the tables give the others their share
// where they live (northern uplands, Hòa Bình, the Central Highlands, the Khmer Mekong provinces).
const ETHNIC_AREAS: Record<string, Array<[string, number]>> = {
  uplands: [['Kinh', 35], ['Tày', 20], ['Thái', 14], ['Mông', 11], ['Nùng', 9], ['Dao', 7], ['Mường', 4]],
  muong: [['Kinh', 33], ['Mường', 55], ['Thái', 6], ['Tày', 3], ['Dao', 3]],
  highlands: [['Kinh', 72], ['Gia Rai', 8], ['Ê Đê', 7], ['Ba Na', 6], ['Cơ Ho', 4], ['Xơ Đăng', 3]],
  khmer: [['Kinh', 85], ['Khmer', 12], ['Hoa', 3]],
  benTre: [['Kinh', 98.4], ['Khmer', 0.6], ['Hoa', 1]],
  city: [['Kinh', 97], ['Hoa', 2.5], ['Khmer', 0.5]],
  plain: [['Kinh', 99], ['Hoa', 0.5], ['Mường', 0.5]],
};
const AREA_OF: Record<string, string> = {
  '02': 'uplands', '04': 'uplands', '06': 'uplands', '08': 'uplands', '10': 'uplands', '11': 'uplands', '12': 'uplands',
  '14': 'uplands', '15': 'uplands', '20': 'uplands', '17': 'muong', '62': 'highlands', '64': 'highlands',
  '66': 'highlands', '67': 'highlands', '68': 'highlands', '84': 'khmer', '94': 'khmer', '95': 'khmer', '91': 'khmer',
  '89': 'khmer', '83': 'benTre', '79': 'city', '01': 'city',
};
const ETHNIC_TABLES = new Map(Object.entries(ETHNIC_AREAS).map(([area, entries]) => [area, w(entries)]));

export function ethnicityTable(provinceCode: string): Weighted<string> {
  return ETHNIC_TABLES.get(AREA_OF[provinceCode] ?? 'plain')!;
}

// Names of some ethnic groups. Many members of the northern groups carry Kinh-style middle and given
// names with their own family names; Mông, Khmer and the Highland groups have their own forms.
const ETHNIC_FAMILY: Record<string, string[]> = {
  'Tày': ['Hoàng', 'Nông', 'Lý', 'Lương', 'Triệu', 'Vi', 'Lục', 'Bế', 'Ma', 'Hà', 'Đàm'],
  'Nùng': ['Hoàng', 'Nông', 'Lý', 'Lương', 'Triệu', 'Vi', 'Lục', 'Mã', 'Chu'],
  'Thái': ['Lò', 'Lường', 'Cầm', 'Quàng', 'Tòng', 'Vì', 'Điêu', 'Hà', 'Lù'],
  'Mường': ['Bùi', 'Đinh', 'Quách', 'Hà', 'Xa', 'Cao', 'Bạch'],
  'Dao': ['Bàn', 'Triệu', 'Đặng', 'Lý', 'Phùng', 'Chảo'],
  'Mông': ['Giàng', 'Vàng', 'Sùng', 'Thào', 'Lầu', 'Mùa', 'Hầu', 'Lý', 'Vừ'],
  'Khmer': ['Thạch', 'Sơn', 'Kim', 'Danh', 'Lâm', 'Trần', 'Lý', 'Chau'],
  'Hoa': ['Lâm', 'Lý', 'Quách', 'Trương', 'Hứa', 'Tăng', 'Mã', 'Vương', 'Diệp', 'Lưu'],
  'Ba Na': ['Đinh'],
  'Xơ Đăng': ['Đinh', 'A Lăng'],
};
const MONG_GIVEN: Record<Sex, string[]> = {
  male: ['Páo', 'Chứ', 'Sính', 'Dế', 'Lử', 'Pó', 'Súa', 'Dợ', 'Chá', 'Tủa', 'Khua'],
  female: ['Mỷ', 'Dở', 'Sua', 'Máy', 'Chư', 'Pà', 'Mai', 'Sợ', 'Say'],
};
const KHMER_GIVEN: Record<Sex, string[]> = {
  male: ['Sang', 'Chanh', 'Sóc', 'Phol', 'Sa', 'Khanh', 'Mênh', 'Rinh', 'Thol', 'Sương', 'Rết', 'Sà Phan'],
  female: ['Sa', 'Phy', 'Sô', 'Ry', 'Thy', 'Kha', 'Mây', 'Ni', 'Sà', 'Ly', 'Sa Rết', 'Sô Phi'],
};
const HIGHLAND_FAMILY = ['Ksor', 'Siu', 'Rơ Mah', 'Rah Lan', 'Nay', 'Kpă', 'Rcom', 'Niê', 'Êban', 'Mlô', 'Byă', 'Ayun'];
const HIGHLAND_GIVEN: Record<Sex, string[]> = {
  male: ['Y Phôn', 'Y Blik', 'Y Thiêng', 'Y Kông', 'Y Ngông', 'Y Dhăm', 'Blik', 'Tơ', 'Nhiên', 'Hyưn'],
  female: ["H'Bia", "H'Hen", "H'Ngơm", "H'Lan", "H'Luôi", "H'Yơn", 'Bơ Khăp', 'Nhía'],
};

function join(...parts: string[]): string {
  return parts.filter(Boolean).join(' ');
}

/** A name for a person of the given sex, region and ethnic group. */
export function generateName(rng: Rng, sex: Sex, region: Region, ethnicity: string): PersonName {
  let family: string;
  let middle: string;
  let given: string;
  if (ethnicity === 'Mông') {
    family = rng.pick(ETHNIC_FAMILY['Mông']!);
    middle = sex === 'male' ? rng.pick(['A', 'Seo', 'Mí', '']) : rng.pick(['Thị', '']);
    given = rng.pick(MONG_GIVEN[sex]);
  } else if (ethnicity === 'Khmer' && rng.chance(0.6)) {
    family = rng.pick(ETHNIC_FAMILY['Khmer']!);
    middle = sex === 'male' ? rng.pick(['', 'Văn', 'Sô']) : rng.pick(['Thị', 'Thị', '']);
    given = rng.pick(KHMER_GIVEN[sex]);
  } else if ((ethnicity === 'Ba Na' || ethnicity === 'Xơ Đăng') && rng.chance(0.5)) {
    // "A Lung", "Y Nhân": A for men, Y for women, before a single given name.
    family = sex === 'male' ? 'A' : 'Y';
    middle = '';
    given = rng.weighted(GIVEN[sex]);
  } else if (ethnicity === 'Gia Rai' || ethnicity === 'Ê Đê' || ethnicity === 'Cơ Ho') {
    family = rng.pick(HIGHLAND_FAMILY);
    middle = '';
    given = rng.pick(HIGHLAND_GIVEN[sex]);
    // Ê Đê and Gia Rai write the given name first for many people: "Y Phôn Ksor", "H'Bia Niê".
    if (rng.chance(0.5)) {
      const full = join(given, family);
      const words = full.split(' ');
      return { family: words[0]!, middle: words.slice(1, -1).join(' '), given: words[words.length - 1]!, full };
    }
  } else {
    const own = ETHNIC_FAMILY[ethnicity];
    family = own && rng.chance(0.85) ? rng.pick(own) : rng.weighted(FAMILY[region]);
    middle = rng.weighted(MIDDLE[sex]);
    given = rng.weighted(GIVEN[sex]);
    // "Ngọc Ngọc", "Thanh Thanh": draw the given name again once.
    if (middle.endsWith(given)) given = rng.weighted(GIVEN[sex]);
    middle = middle.split(' ').map((m) => spell(rng, m)).join(' ');
    given = spell(rng, given);
  }
  const full = join(family, middle, given);
  const words = full.split(' ');
  // Split as splitFullName does, so that family/middle/given agree with the sort key.
  return { family: words[0]!, middle: words.slice(1, -1).join(' '), given: words[words.length - 1]!, full };
}

/** Southern nicknames by birth order ("Tư Hùng", "Út Lan"), used as other names of older members. */
const BIRTH_ORDER = ['Hai', 'Ba', 'Tư', 'Năm', 'Sáu', 'Bảy', 'Tám', 'Chín', 'Mười', 'Út'];
export function birthOrderNickname(rng: Rng, given: string): string {
  return `${rng.pick(BIRTH_ORDER)} ${given}`;
}
