/** An error message that screen readers announce (every screen shows its failures this way). */
export function ErrorNote({ message }: { message: string }) {
  return message ? (
    <p role="alert" className="error">
      {message}
    </p>
  ) : null;
}
