"""The commission's pages: orders that appoint it, its meetings, the first meeting's open vote,
the weekly review and the minutes signed by every member (regulation B §4, regulation A).

Every object is reached through a `for_user` queryset: another school's commission, order or
meeting is a 404. Reading the minutes' text or a letter's first lines needs the school key and
is an audit event."""

from commission.views.home import home, index  # noqa: F401
from commission.views.meetings import meeting_detail, meeting_new, minutes_export  # noqa: F401
from commission.views.orders import order_detail, order_edit, order_new, orders  # noqa: F401
