/**
 * The collection function family: importing this module registers array, map and struct
 * functions (constructors, accessors, set operations, sequence). Higher-order functions
 * (lambdas) are in higher-order.ts and generators (explode, inline, stack) in generators.ts.
 */
import './collection-constructors.js';
import './collection-access.js';
import './collection-arrays.js';
import './collection-sets.js';
import './collection-sequence.js';
