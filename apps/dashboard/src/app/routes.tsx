import type { RouteObject } from 'react-router-dom';
import { AccountPage } from '../pages/AccountPage';
import { AnalyticsPage } from '../pages/AnalyticsPage';
import { AssetPage } from '../pages/AssetPage';
import { AssetsPage } from '../pages/AssetsPage';
import { DashboardPage } from '../pages/DashboardPage';
import { ForgotPasswordPage } from '../pages/ForgotPasswordPage';
import { LoginPage } from '../pages/LoginPage';
import { NewAssetPage } from '../pages/NewAssetPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { PortfolioPage } from '../pages/PortfolioPage';
import { ResetPasswordPage } from '../pages/ResetPasswordPage';
import { RouteErrorPage } from '../pages/RouteErrorPage';
import { TasksPage } from '../pages/TasksPage';
import { UploadPage } from '../pages/UploadPage';
import { UserPage } from '../pages/UserPage';
import { UsersPage } from '../pages/UsersPage';
import { RequireAdmin } from './guards/RequireAdmin';
import { RequireAuth } from './guards/RequireAuth';
import { AppLayout } from './layout/AppLayout';
import type { RouteHandle } from './routeHandle';

function handle(title: string): RouteHandle {
  return { title };
}

export const appRoutes: RouteObject[] = [
  {
    path: '/',
    element: <AppLayout />,
    children: [
      {
        // Render errors are shown inside the layout, so navigation keeps working.
        errorElement: <RouteErrorPage />,
        children: [
          { path: 'login', element: <LoginPage />, handle: handle('Log in') },
          { path: 'forgot-password', element: <ForgotPasswordPage />, handle: handle('Reset your password') },
          { path: 'reset-password', element: <ResetPasswordPage />, handle: handle('Choose a new password') },
          {
            // Everything else needs a logged-in user; others go to /login and come back after.
            element: <RequireAuth />,
            children: [
              { index: true, element: <DashboardPage />, handle: handle('Dashboard') },
              { path: 'assets', element: <AssetsPage />, handle: handle('Assets') },
              { path: 'assets/:assetId', element: <AssetPage />, handle: handle('Asset') },
              { path: 'portfolio', element: <PortfolioPage />, handle: handle('Portfolio') },
              { path: 'analytics', element: <AnalyticsPage />, handle: handle('Analytics') },
              { path: 'upload', element: <UploadPage />, handle: handle('Upload data') },
              { path: 'account', element: <AccountPage />, handle: handle('Account') },
              {
                element: <RequireAdmin />,
                children: [
                  { path: 'assets/new', element: <NewAssetPage />, handle: handle('New asset') },
                  { path: 'users', element: <UsersPage />, handle: handle('Users') },
                  { path: 'users/:userId', element: <UserPage />, handle: handle('User') },
                  { path: 'tasks', element: <TasksPage />, handle: handle('Tasks') },
                ],
              },
            ],
          },
          { path: '*', element: <NotFoundPage />, handle: handle('Page not found') },
        ],
      },
    ],
  },
];
