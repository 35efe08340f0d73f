## The calendar feed on the case card: a webcal:// address to subscribe to
case-calendar =
    📆 Hearings in your calendar: <code>{ $link }</code>
    Add this address to your calendar app as a subscription: when a hearing is moved or cancelled, your calendar updates itself.
