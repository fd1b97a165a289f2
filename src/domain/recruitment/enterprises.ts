// Kinds of enterprise ownership as rows 9.a–9.c of Biểu 5 (forms.md: "Tổ chức đảng và đảng viên trong các
// loại hình cơ sở", Hướng dẫn 12-HD/BTCTW 2012 and the 2021 set): the labels are the form's, so a count by
// kind can be copied into the province's template in this order.
export const OWNERSHIP_KINDS = ['state_100', 'state_50_plus', 'state_under_50', 'joint_stock', 'private', 'limited', 'partnership', 'foreign', 'cooperative'] as const;
export type OwnershipKind = (typeof OWNERSHIP_KINDS)[number];

export const OWNERSHIP_GROUPS: Record<OwnershipKind, 'state' | 'non_state' | 'cooperative'> = {
  state_100: 'state', state_50_plus: 'state', state_under_50: 'state',
  joint_stock: 'non_state', private: 'non_state', limited: 'non_state', partnership: 'non_state', foreign: 'non_state',
  cooperative: 'cooperative',
};

export const OWNERSHIP_LABELS: Record<OwnershipKind, string> = {
  state_100: 'Doanh nghiệp có vốn Nhà nước 100% vốn điều lệ',
  state_50_plus: 'Doanh nghiệp có vốn Nhà nước từ 50% vốn điều lệ trở lên',
  state_under_50: 'Doanh nghiệp có vốn Nhà nước dưới 50% vốn điều lệ',
  joint_stock: 'Công ty cổ phần',
  private: 'Doanh nghiệp tư nhân',
  limited: 'Công ty trách nhiệm hữu hạn',
  partnership: 'Công ty hợp danh',
  foreign: 'Doanh nghiệp có vốn nước ngoài',
  cooperative: 'Hợp tác xã',
};

export const isOwnershipKind = (v: unknown): v is OwnershipKind => typeof v === 'string' && (OWNERSHIP_KINDS as readonly string[]).includes(v);
