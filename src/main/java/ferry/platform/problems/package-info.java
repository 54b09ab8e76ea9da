/**
 * RFC 9457 problems: the one error shape of every answer ({@code Problem}), carried as the
 * answer's entity until it is written ({@code ProblemDocument}, {@code ProblemResponses}).
 */
package ferry.platform.problems;
