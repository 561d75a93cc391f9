import '../../src/expr/functions/string.js';
import '../../src/expr/functions/regex.js';
import '../../src/expr/functions/math.js';
import '../conformance/conformance.test.js';
