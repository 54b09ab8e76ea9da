/**
 * Opening, taking, recording and listing webhook deliveries. Transactions: a delivery is opened
 * in the transaction that ends its request; taking (with a lease) and recording each have one of
 * their own; the POST between them has none.
 */
package ferry.callbacks.control;
