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
 * GTK 4.8 names such a button twice for screen readers, on screen or not: its own label,
 * underscore and all, then the label that is its mnemonic ("_Edit… Edit…"). The button keeps
 * only the second, the label's text.
 */
void
gf_accessible_name_mnemonic_button (GtkButton *button)
{
  g_return_if_fail (GTK_IS_BUTTON (button));

  gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/**
 * gf_accessible_name_mnemonic_buttons:
 * @widget: a window, or any widget
 *
 * gf_accessible_name_mnemonic_button() for @widget and every button inside it whose label has
 * a mnemonic: the buttons of a template, and the response buttons that an AdwMessageDialog
 * makes itself (two of each, for its two layouts). A button whose label changes afterwards
 * (adw_message_dialog_set_response_label()) reads twice again: call it after the last change.
 */
void
gf_accessible_name_mnemonic_buttons (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget))
      && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    gf_accessible_name_mnemonic_button (GTK_BUTTON (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gf_accessible_name_mnemonic_buttons (child);
}

/**
 * gf_accessible_keep_label:
 * @widget: a widget with an accessible label, which a label with a mnemonic also points to
 *
 * The mnemonic label names the widget for screen readers too, and GTK 4.8 reads both names
 * ("Classification Classes by", "Number of classes Number of classes"). The widget keeps only
 * its own accessible label; the mnemonic still moves the focus to it. A drop-down needs its own
 * label rather than the mnemonic label's, for gf_accessible_label_drop_down().
 */
void
gf_accessible_keep_label (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static void
button_notify_tooltip_text_cb (GtkWidget  *button,
                               GParamSpec *pspec,
                               gpointer    user_data)
{
  const char *tooltip = gtk_widget_get_tooltip_text (button);

  if (tooltip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    tooltip, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/**
 * gf_accessible_name_icon_buttons:
 * @widget: a widget that holds icon buttons it made itself
 *
 * libadwaita 1.2 gives the icon buttons it puts inside its widgets a tooltip and no name: the
 * apply button of an AdwEntryRow ("Apply") and the button that shows the text of an
 * AdwPasswordEntryRow ("Show Text", then "Hide Text") read as "GtkImage". Every icon button in
 * @widget is named after its tooltip, and follows it when it changes. Call it only on widgets
 * whose icon buttons have no name of their own: a tooltip is not always the right name.
 */
void
gf_accessible_name_icon_buttons (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
    {
      button_notify_tooltip_text_cb (widget, NULL, NULL);
      g_signal_connect (widget, "notify::tooltip-text",
                        G_CALLBACK (button_notify_tooltip_text_cb), NULL);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gf_accessible_name_icon_buttons (child);
}
