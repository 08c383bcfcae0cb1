/**
 * The app: providers (language, session, messages), and the pages under the
 * router. Signing in and up stand alone; every other page sits in the shell.
 */
import { Route, Router } from "@solidjs/router"
import { lazy } from "solid-js"
import { I18nProvider, type Locale } from "./i18n/index.js"
import { Login } from "./pages/auth/Login.js"
import { Signup } from "./pages/auth/Signup.js"
import { Shell } from "./pages/Shell.js"
import { SessionProvider } from "./session.js"
import { ToastProvider } from "./ui/Toasts.js"

const Home = lazy(() => import("./pages/home/Home.js").then((m) => ({ default: m.Home })))
const Welcome = lazy(() =>
  import("./pages/welcome/Welcome.js").then((m) => ({ default: m.Welcome })),
)
const Inbox = lazy(() => import("./pages/inbox/Inbox.js").then((m) => ({ default: m.Inbox })))
const Contacts = lazy(() =>
  import("./pages/contacts/Contacts.js").then((m) => ({ default: m.Contacts })),
)
const AddressBook = lazy(() =>
  import("./pages/addressbook/AddressBook.js").then((m) => ({ default: m.AddressBook })),
)
const Invitations = lazy(() =>
  import("./pages/addressbook/Invitations.js").then((m) => ({ default: m.Invitations })),
)
const Categories = lazy(() =>
  import("./pages/categories/Categories.js").then((m) => ({ default: m.Categories })),
)
const Review = lazy(() => import("./pages/review/Review.js").then((m) => ({ default: m.Review })))
const Discover = lazy(() =>
  import("./pages/discover/Discover.js").then((m) => ({ default: m.Discover })),
)
const Group = lazy(() => import("./pages/discover/Group.js").then((m) => ({ default: m.Group })))
const Profile = lazy(() =>
  import("./pages/discover/Profile.js").then((m) => ({ default: m.Profile })),
)
const Network = lazy(() =>
  import("./pages/network/Network.js").then((m) => ({ default: m.Network })),
)
const Notifications = lazy(() =>
  import("./pages/notifications/Notifications.js").then((m) => ({ default: m.Notifications })),
)
const Settings = lazy(() =>
  import("./pages/settings/Settings.js").then((m) => ({ default: m.Settings })),
)
const NotFound = lazy(() => import("./pages/NotFound.js").then((m) => ({ default: m.NotFound })))

export const App = (props: { locale?: Locale }) => (
  <I18nProvider {...(props.locale === undefined ? {} : { locale: props.locale })}>
    <SessionProvider>
      <ToastProvider>
        <Router>
          <Route path="/login" component={Login} />
          <Route path="/signup" component={Signup} />
          <Route path="/" component={Shell}>
            <Route path="/" component={Home} />
            <Route path="/welcome" component={Welcome} />
            <Route path="/inbox" component={Inbox} />
            <Route path="/contacts" component={Contacts} />
            <Route path="/address-book" component={AddressBook} />
            <Route path="/invitations" component={Invitations} />
            <Route path="/categories" component={Categories} />
            <Route path="/review" component={Review} />
            <Route path="/discover" component={Discover} />
            <Route path="/groups/:id" component={Group} />
            <Route path="/members/:handle" component={Profile} />
            <Route path="/network" component={Network} />
            <Route path="/notifications" component={Notifications} />
            <Route path="/settings" component={Settings} />
            <Route path="*404" component={NotFound} />
          </Route>
        </Router>
      </ToastProvider>
    </SessionProvider>
  </I18nProvider>
)
