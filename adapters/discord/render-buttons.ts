import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';
import type { ButtonView } from '../../core/views/view-model';
import { LIMITS, truncate } from './discord-text';

const STYLE: Record<
  NonNullable<ButtonView['style']> | 'none',
  ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Danger
> = {
  primary: ButtonStyle.Primary,
  danger: ButtonStyle.Danger,
  none: ButtonStyle.Secondary,
};

/** Buttons in rows of five; the custom id is core's action id as is (always under 100 characters). */
export function buttonRows(buttons: readonly ButtonView[]): APIActionRowComponent<APIButtonComponent>[] {
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: buttons.slice(i, i + LIMITS.buttonsPerRow).map((b) => ({
        type: ComponentType.Button,
        style: STYLE[b.style ?? 'none'],
        label: truncate(b.label, LIMITS.buttonLabel),
        custom_id: b.actionId,
      })),
    });
  }
  return rows;
}
