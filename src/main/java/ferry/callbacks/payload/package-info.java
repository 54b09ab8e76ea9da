/** The JSON a completion webhook carries (CONTRACT.md §8), built in plain Java. */
package ferry.callbacks.payload;
