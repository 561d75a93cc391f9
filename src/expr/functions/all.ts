/**
 * Loads every function family so the registry is complete. Import for side effects only.
 */
import './operators.js';
import './predicates.js';
import './conditional.js';
import './extract.js';
import './aggregate.js';
import './hash.js';
import './window.js';
import './string.js';
import './regex.js';
import './math.js';
import './datetime.js';
import './datetime-units.js';
import './interval-arithmetic.js';
import './time-window.js';
import './collection.js';
import './generators.js';
import './higher-order.js';
import './json.js';
import './misc.js';
import './bitwise.js';
import './grouping.js';
import './table-insert.js';
