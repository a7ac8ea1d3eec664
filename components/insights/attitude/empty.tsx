// What a Tevredenheid or Personeel panel shows while there is nothing to count yet.
export function Empty({ children, testId }: { children: React.ReactNode; testId?: string }) {
  return (
    <p className="rounded-xl border-2 border-dashed border-stone-200 px-4 py-8 text-center text-stone-600" data-testid={testId}>
      {children}
    </p>
  );
}
