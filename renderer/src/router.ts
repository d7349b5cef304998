import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import AboutView from './views/AboutView.vue'
import ProfilesView from './views/ProfilesView.vue'
import UsersView from './views/UsersView.vue'

export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/users' },
  { path: '/users', name: 'users', component: UsersView, meta: { title: 'Users' } },
  { path: '/profiles', name: 'profiles', component: ProfilesView, meta: { title: 'Connections' } },
  { path: '/about', name: 'about', component: AboutView, meta: { title: 'About' } },
  { path: '/:pathMatch(.*)*', redirect: '/users' },
]

/** Hash history: the packaged app is a file:// page, where only the hash can change. */
export function createAppRouter() {
  return createRouter({ history: createWebHashHistory(), routes })
}
