/* gf-accessible.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What GTK 4.8 leaves out of the accessibility tree, mended in one place.
 */

#include "config.h"

#include "gf-accessible.h"

/**
 * gf_accessible_label_drop_down:
 * @dropdown: a drop-down with an accessible label
 *
 * GTK 4.8 shows a GtkDropDown to screen readers through the toggle button inside it, which has
 * no name of its own (AT-SPI reads it as "GtkToggleButton"). That button is now labelled by
 * the drop-down, so it reads as the drop-down's label ("Year", "Saved layouts").
 */
void
gf_accessible_label_drop_down (GtkDropDown *dropdown)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (dropdown)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child))
        gtk_accessible_update_relation (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY, dropdown, NULL,
                                        -1);
    }
}

/**
 * gf_accessible_name_mnemonic_button:
 * @button: a button whose label has a mnemonic
 *
 * GTK 4.8 names such a button twice for screen readers when it is insensitive or not on
 * screen: its own label, underscore and all, then the label that is its mnemonic
 * ("_Edit… Edit…"). The button keeps only the second, the label's text.
 */
void
gf_accessible_name_mnemonic_button (GtkButton *button)
{
  g_return_if_fail (GTK_IS_BUTTON (button));

  gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}
