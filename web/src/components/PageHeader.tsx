// The top of a screen: breadcrumb, title with tags, and the actions on the right.
import type { ReactNode } from 'react';
import { Breadcrumb, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { HomeOutlined } from '@ant-design/icons';

export interface Crumb {
  title: ReactNode;
  to?: string;
}

export function PageHeader({ crumbs, title, tags, extra, subtitle }: { crumbs?: Crumb[]; title: ReactNode; tags?: ReactNode; extra?: ReactNode; subtitle?: ReactNode }) {
  return (
    <div className="page-header">
      {crumbs && crumbs.length > 0 && (
        <Breadcrumb
          className="page-breadcrumb"
          items={[
            { title: <Link to="/" aria-label="home"><HomeOutlined /></Link> },
            ...crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title })),
          ]}
        />
      )}
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div style={{ minWidth: 0 }}>
          <Flex align="center" gap={10} wrap>
            <Typography.Title level={3} style={{ margin: 0 }}>{title}</Typography.Title>
            {tags}
          </Flex>
          {subtitle && <Typography.Text type="secondary" className="page-subtitle">{subtitle}</Typography.Text>}
        </div>
        {extra && <Flex gap={8} wrap>{extra}</Flex>}
      </Flex>
    </div>
  );
}
