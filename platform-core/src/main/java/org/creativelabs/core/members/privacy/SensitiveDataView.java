package org.creativelabs.core.members.privacy;

import java.util.List;
import java.util.Map;

/** A member's sensitive values and the consents (given and withdrawn) behind them. Shown to the member only. */
record SensitiveDataView(Map<SensitiveField, String> values, List<ConsentView> consents) {}
