package ferry.callbacks.control;

/** A delivery became due now (its request ended, or it is sent again); observed after the commit to wake the sender. */
public record DeliveryOpened(String deliveryId) {
}
