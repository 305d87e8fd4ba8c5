/* main.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gongfu-atlas"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "gf-application.h"

/* Han characters are shared by Chinese, Japanese and Korean, and their glyph shapes differ (直,
 * 骨). Under a locale such as en_US, Pango takes the language of Han text from its preferred
 * languages, PANGO_LANGUAGE or else LANGUAGE; without one, fontconfig's order often picks Noto
 * Sans CJK JP. Prefer zh-cn, unless the user's locale or language list asks for Japanese, Korean
 * or Traditional Chinese; this reaches every Pango context of the process, the charts' too.
 * Under the C locale Pango ignores it: GfApplication then names an SC font in the CSS. */
static gboolean
is_other_han_language (const char *lang)
{
  static const char * const others[] = { "ja", "ko", "zh_TW", "zh_HK", "zh_MO", "zh-tw",
                                          "zh-hk", "zh-mo", "zh_Hant", "zh-hant" };

  if (lang == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      if (g_ascii_strncasecmp (lang, others[i], strlen (others[i])) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
prefer_simplified_han (void)
{
  const char *language = g_getenv ("LANGUAGE");
  g_autofree char *preferred = NULL;

  if (g_getenv ("PANGO_LANGUAGE") != NULL)
    return;

  if (is_other_han_language (setlocale (LC_CTYPE, NULL)) || is_other_han_language (language))
    return;

  /* Keep the user's list after zh-cn, so scripts other than Han still find their language. */
  if (language != NULL && *language != '\0')
    preferred = g_strdup_printf ("zh-cn:%s", language);
  else
    preferred = g_strdup ("zh-cn");

  g_setenv ("PANGO_LANGUAGE", preferred, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GfApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* GF_LOCALEDIR points an uninstalled build at its own translations (.ci/app, meson devenv). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("GF_LOCALEDIR") ? g_getenv ("GF_LOCALEDIR")
                                                              : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  prefer_simplified_han ();

  app = gf_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
