// The merchant's newest message (a campaign or automation, lib/messages) at the
// top of the web card: the same text the wallet passes show, with its link.
export function CardMessage({ message, linkLabel }: { message: { header: string; body: string; link: string | null }; linkLabel: string }) {
  return (
    <section
      className="space-y-2 rounded-2xl border border-amber-200 bg-amber-50 p-4 text-stone-900"
      aria-labelledby="card-message-heading"
      data-testid="card-message"
    >
      <h2 id="card-message-heading" className="font-semibold">
        {message.header}
      </h2>
      <p className="whitespace-pre-line text-sm">{message.body}</p>
      {message.link && /^https?:\/\//i.test(message.link) && (
        <a
          href={message.link}
          rel="noopener noreferrer"
          target="_blank"
          className="inline-flex min-h-11 items-center rounded-lg bg-amber-500 px-4 font-medium text-stone-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-700"
          data-testid="card-message-link"
        >
          {linkLabel}
        </a>
      )}
    </section>
  );
}
