import type { RouteObject } from 'react-router-dom';
import { AccountPage } from '../pages/AccountPage';
import { AnalyticsPage } from '../pages/AnalyticsPage';
import { AssetsPage } from '../pages/AssetsPage';
import { DashboardPage } from '../pages/DashboardPage';
import { LoginPage } from '../pages/LoginPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { PortfolioPage } from '../pages/PortfolioPage';
import { RouteErrorPage } from '../pages/RouteErrorPage';
import { TasksPage } from '../pages/TasksPage';
import { UploadPage } from '../pages/UploadPage';
import { UsersPage } from '../pages/UsersPage';
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
          { index: true, element: <DashboardPage />, handle: handle('Dashboard') },
          { path: 'assets', element: <AssetsPage />, handle: handle('Assets') },
          { path: 'users', element: <UsersPage />, handle: handle('Users') },
          { path: 'portfolio', element: <PortfolioPage />, handle: handle('Portfolio') },
          { path: 'analytics', element: <AnalyticsPage />, handle: handle('Analytics') },
          { path: 'upload', element: <UploadPage />, handle: handle('Upload data') },
          { path: 'tasks', element: <TasksPage />, handle: handle('Tasks') },
          { path: 'account', element: <AccountPage />, handle: handle('Account') },
          { path: 'login', element: <LoginPage />, handle: handle('Log in') },
          { path: '*', element: <NotFoundPage />, handle: handle('Page not found') },
        ],
      },
    ],
  },
];
