/**
 * The lifecycle rules every feature shares: how a request ends ({@code RequestFinisher}), what
 * deleting its proxy means for it ({@code ProxyDeletion}), who may see it ({@code RequestAccess})
 * and its status and attempt history.
 */
package ferry.requests.control;
