/** An on/off control: a native checkbox with the switch role, so Space toggles it and readers say "on/off". */
export function Switch(props: { label: string; checked: boolean; disabled?: boolean; testId?: string; onToggle: (on: boolean) => void; hint?: string }) {
  return (
    <label class="switch">
      <span class="switch-text">
        {props.label}
        {props.hint && <small class="hint">{props.hint}</small>}
      </span>
      <input
        type="checkbox"
        role="switch"
        data-testid={props.testId}
        checked={props.checked}
        disabled={props.disabled}
        aria-checked={props.checked}
        onChange={(e) => props.onToggle(e.currentTarget.checked)}
      />
    </label>
  );
}
