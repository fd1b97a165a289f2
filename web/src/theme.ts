import type { ThemeConfig } from 'antd';

export const BRAND_RED = '#a8151f';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#b4232c',
    colorLink: '#1f5fae',
    borderRadius: 6,
    fontFamily: "'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'Liberation Sans', sans-serif",
    colorBgLayout: '#f4f5f7',
  },
  components: {
    Layout: { headerBg: BRAND_RED, headerHeight: 56, headerPadding: '0 20px', siderBg: '#ffffff' },
    Menu: { itemSelectedBg: '#fdecec', itemSelectedColor: '#a8151f', itemBorderRadius: 6 },
    Table: { headerBg: '#fafafa', rowHoverBg: '#fff6f5' },
    Tree: { titleHeight: 30 },
    // Focus in blue, not in the brand red, so that a focused field never looks like a field in error.
    Input: { activeBorderColor: '#1f5fae', hoverBorderColor: '#5b8fd0', activeShadow: '0 0 0 2px rgba(31,95,174,0.12)' },
    Select: { activeBorderColor: '#1f5fae', hoverBorderColor: '#5b8fd0', activeOutlineColor: 'rgba(31,95,174,0.12)' },
    DatePicker: { activeBorderColor: '#1f5fae', hoverBorderColor: '#5b8fd0', activeShadow: '0 0 0 2px rgba(31,95,174,0.12)' },
  },
};
