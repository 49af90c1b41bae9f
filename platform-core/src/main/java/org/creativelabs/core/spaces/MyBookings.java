package org.creativelabs.core.spaces;

import java.time.YearMonth;
import java.util.List;

/** A person's bookings in a month, and their plan's monthly allowance in hours (absent when unlimited). */
record MyBookings(YearMonth month, Integer allowanceHours, double usedHours, List<BookingView> bookings) {}
