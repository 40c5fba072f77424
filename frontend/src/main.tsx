import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { startReactDsfr } from "@codegouvfr/react-dsfr/spa";
import { addDisplayTranslations } from "@codegouvfr/react-dsfr/Display";
import { App } from "./App";
import { Link, navigate } from "./router";
import { addressAfterSignOut } from "./session/session";
import "./main.css";

// The DSFR's own JavaScript (menus, modals, accordions) is loaded by
// startReactDsfr as a separate module: no inline script, so the
// Content-Security-Policy can stay at script-src 'self'.
startReactDsfr({ defaultColorScheme: "system", Link });

// react-dsfr's French texts of the display settings use straight apostrophes;
// the pages write typographic ones (e2e/words.test.js checks every page).
addDisplayTranslations({
  lang: "fr",
  messages: {
    "display settings": "Paramètres d’affichage",
    "pick a theme": "Choisissez un thème pour personnaliser l’apparence du site.",
  },
});

declare module "@codegouvfr/react-dsfr/spa" {
  interface RegisterLink {
    Link: typeof Link;
  }
}

// Back from sign-out at "/?state=…": show the plain home address (through the
// router, which keeps the query string of the location it renders).
const cleanAddress = addressAfterSignOut(window.location.href);
if (cleanAddress !== null) navigate(cleanAddress, { replace: true });

const root = document.getElementById("root");
if (root === null) throw new Error("main: #root is missing from index.html");

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
