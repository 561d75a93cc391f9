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
