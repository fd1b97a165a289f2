// Providers (antd locale and theme, the signed-in user) and the routes, one lazily loaded chunk per screen.
import { lazy, Suspense, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useI18n } from './locales/i18n.tsx';
import { AuthProvider, useAuth } from './lib/auth.tsx';
import { AppLayout } from './components/AppLayout.tsx';
import { theme } from './theme.ts';

const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const HomePage = lazy(() => import('./pages/HomePage.tsx'));
const TreePage = lazy(() => import('./pages/TreePage.tsx'));
const UnitPage = lazy(() => import('./pages/UnitPage.tsx'));
const UnitByCodePage = lazy(() => import('./pages/UnitByCodePage.tsx'));
const MembersPage = lazy(() => import('./pages/MembersPage.tsx'));
const MemberPage = lazy(() => import('./pages/MemberPage.tsx'));
const CandidatesPage = lazy(() => import('./pages/CandidatesPage.tsx'));
const CandidatePage = lazy(() => import('./pages/CandidatePage.tsx'));
const AttritionPage = lazy(() => import('./pages/AttritionPage.tsx'));
const BriefPage = lazy(() => import('./pages/BriefPage.tsx'));
const StatisticsPage = lazy(() => import('./pages/StatisticsPage.tsx'));
const UsersPage = lazy(() => import('./pages/UsersPage.tsx'));
const EvaluationPage = lazy(() => import('./pages/EvaluationPage.tsx'));
const EvaluationResultsPage = lazy(() => import('./pages/EvaluationResultsPage.tsx'));
const WeakUnitsPage = lazy(() => import('./pages/WeakUnitsPage.tsx'));
const ConsolidationPage = lazy(() => import('./pages/ConsolidationPage.tsx'));
const ConsolidationPlanPage = lazy(() => import('./pages/ConsolidationPlanPage.tsx'));
const DocumentsPage = lazy(() => import('./pages/DocumentsPage.tsx'));
const DocumentPage = lazy(() => import('./pages/DocumentPage.tsx'));
const VisitsPage = lazy(() => import('./pages/VisitsPage.tsx'));
const VisitPage = lazy(() => import('./pages/VisitPage.tsx'));
const ResignationsPage = lazy(() => import('./pages/ResignationsPage.tsx'));
const EnterprisesPage = lazy(() => import('./pages/EnterprisesPage.tsx'));
const RecruitmentPage = lazy(() => import('./pages/RecruitmentPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));

export function PageSpinner() {
  return <div className="page-spinner"><Spin size="large" /></div>;
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { me, checking } = useAuth();
  const location = useLocation();
  if (checking) return <PageSpinner />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}

function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { can } = useAuth();
  return can(permission) ? <>{children}</> : <NotFoundPage />;
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<Suspense fallback={<PageSpinner />}><LoginPage /></Suspense>} />
      <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
        <Route index element={<HomePage />} />
        <Route path="tree" element={<TreePage />} />
        <Route path="units/code/:code" element={<UnitByCodePage />} />
        <Route path="units/:id" element={<UnitPage />} />
        <Route path="members" element={<MembersPage />} />
        <Route path="members/:id" element={<MemberPage />} />
        <Route path="statistics" element={<StatisticsPage />} />
        <Route path="candidates" element={<CandidatesPage />} />
        <Route path="candidates/:id" element={<CandidatePage />} />
        <Route path="reports/attrition" element={<AttritionPage />} />
        <Route path="reports/brief" element={<BriefPage />} />
        <Route path="evaluation" element={<EvaluationPage />} />
        <Route path="reports/evaluation" element={<EvaluationResultsPage />} />
        <Route path="reports/weak-units" element={<WeakUnitsPage />} />
        <Route path="reports/consolidation" element={<ConsolidationPage />} />
        <Route path="weak-units/:id" element={<ConsolidationPlanPage />} />
        <Route path="documents" element={<DocumentsPage />} />
        <Route path="documents/:id" element={<DocumentPage />} />
        <Route path="visits" element={<VisitsPage />} />
        <Route path="visits/:id" element={<VisitPage />} />
        <Route path="users" element={<RequirePermission permission="user.read"><UsersPage /></RequirePermission>} />
        <Route path="resignations" element={<ResignationsPage />} />
        <Route path="enterprises" element={<EnterprisesPage />} />
        <Route path="reports/recruitment" element={<RecruitmentPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function Root() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={theme}>
      <AntApp>
        <AuthProvider>
          <AppRoutes />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
