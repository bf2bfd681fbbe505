import { app, Menu, type MenuItemConstructorOptions } from 'electron'
import { buildMenuTemplate, type MenuContext } from '../shell/menu-template'

/** Installs the application menu (rebuilt when the recent list changes). */
export function installMenu(ctx: Omit<MenuContext, 'platform' | 'appName'>): void {
  const template = buildMenuTemplate({
    ...ctx,
    platform: process.platform,
    appName: app.getName(),
  }) satisfies MenuItemConstructorOptions[]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
