package io.musicrec.trainer.testing;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The SDK's S3 client with one fault: the {@code failOn}-th PutObject answers HTTP 500 instead of
 * storing the object, as an S3 outage in the middle of an upload would. Every other call goes to
 * the real server. (A wrapper of the AWS SDK, not of our adapter: the {@code S3ModelStore} under
 * test is the real one.)
 */
public final class FailingS3Client implements S3Client {
    private final S3Client delegate;
    private final int failOn;
    private final AtomicInteger puts = new AtomicInteger();

    public FailingS3Client(S3Client delegate, int failOn) {
        this.delegate = delegate;
        this.failOn = failOn;
    }

    /** PutObject calls so far, the failed one included. */
    public int puts() {
        return puts.get();
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        if (puts.incrementAndGet() == failOn) {
            throw (S3Exception) S3Exception.builder().statusCode(500)
                    .message("injected failure of PutObject #" + failOn + " (" + request.key() + ")").build();
        }
        return delegate.putObject(request, body);
    }

    @Override
    public <T> T getObject(GetObjectRequest request, ResponseTransformer<GetObjectResponse, T> transformer) {
        return delegate.getObject(request, transformer);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
        return delegate.getObject(request);
    }

    @Override
    public HeadObjectResponse headObject(HeadObjectRequest request) {
        return delegate.headObject(request);
    }

    @Override
    public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
        return delegate.listObjectsV2(request);
    }

    @Override
    public DeleteObjectResponse deleteObject(DeleteObjectRequest request) {
        return delegate.deleteObject(request);
    }

    @Override
    public DeleteObjectsResponse deleteObjects(DeleteObjectsRequest request) {
        return delegate.deleteObjects(request);
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public void close() {
        // The delegate belongs to the test.
    }
}
