import { createPinia } from 'pinia'
import { createApp } from 'vue'
import 'vue-sonner/style.css'
import App from './App.vue'
import { createAppRouter } from './router'
import './styles/theme.css'

createApp(App).use(createPinia()).use(createAppRouter()).mount('#app')
