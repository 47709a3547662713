/** The whole DingTalk route table (moto's `urls.py`). */
import { calendarRoutes } from './calendar';
import { oauth2Routes } from './oauth2';
import { roomsRoutes } from './rooms';
import type { RouteDef } from './types';

export type { RouteContext, RouteDef } from './types';

export const routes: RouteDef[] = [...oauth2Routes, ...calendarRoutes, ...roomsRoutes];
